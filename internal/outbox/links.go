package outbox

// Links gathers the link changes of one write, per channel, and turns them into one
// sales-channel.<kind>-added and one <kind>-removed event per channel, whose payload is the
// channel's id and the linked ids under Key: {"id": "sc_…", "product_ids": [...]}.
type Links struct {
	Kind string // products, api-keys, stock-locations
	Key  string // product_ids, api_key_ids, stock_location_ids

	order          []string
	added, removed map[string][]string
}

// Added notes that entityID was linked to channelID.
func (l *Links) Added(channelID, entityID string) { l.note(&l.added, channelID, entityID) }

// Removed notes that entityID was unlinked from channelID.
func (l *Links) Removed(channelID, entityID string) { l.note(&l.removed, channelID, entityID) }

func (l *Links) note(m *map[string][]string, channelID, entityID string) {
	if *m == nil {
		*m = map[string][]string{}
	}
	if l.added[channelID] == nil && l.removed[channelID] == nil {
		l.order = append(l.order, channelID)
	}
	(*m)[channelID] = append((*m)[channelID], entityID)
}

// Events returns the events, channels in the order they were first noted.
func (l *Links) Events() []Event {
	var out []Event
	for _, c := range l.order {
		if ids := l.added[c]; len(ids) > 0 {
			out = append(out, LinkEvent("sales-channel."+l.Kind+"-added", c, l.Key, ids))
		}
		if ids := l.removed[c]; len(ids) > 0 {
			out = append(out, LinkEvent("sales-channel."+l.Kind+"-removed", c, l.Key, ids))
		}
	}
	return out
}
