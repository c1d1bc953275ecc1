package fields

// Selector turns a request's `fields` parameter into a checked selection for one kind of
// entity: the fields its routes answer by default and the check of the spec that writes it.
// Handlers keep one per kind of entity they answer, so the defaults are named once.
type Selector struct {
	Defaults []string
	// Check returns Medusa's invalid_data error for fields the entity does not have. A
	// Selector without one ignores `fields`: Medusa accepts the parameter on some routes that
	// answer a fixed shape (carts, a created API key).
	Check func(*Selection) error
	// Key is the entity's primary key, always part of an explicit selection; "" means id.
	Key string
}

// Select parses param, nil when the request has no `fields`, and checks it. It returns a nil
// selection when the selector ignores `fields`.
func (s Selector) Select(param *string) (*Selection, error) {
	if s.Check == nil {
		return nil, nil
	}
	p := ""
	if param != nil {
		p = *param
	}
	key := s.Key
	if key == "" {
		key = "id"
	}
	sel := ParseKeyed(p, param != nil, s.Defaults, key)
	if err := s.Check(sel); err != nil {
		return nil, err
	}
	return sel, nil
}
