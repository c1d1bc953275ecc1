package pricing_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// V26: a copy from the base prices at half, previewed, then applied; across currencies a
// factor is required.
func TestCopyPricesPreviewThenApply(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c := s.Channel("C")
		_, vid := productIn(s, "Lamp", M{"usd": 10}, c)
		sync := "/admin/sales-channels/" + c + "/prices/sync"
		body := M{"source_sales_channel_id": nil, "source_currency_code": "usd", "currency_code": "usd", "factor": 0.5}
		preview := s.Post(sync, with(body, "dry_run", true)).Must(200)
		ExpectExact(t, mustJSON(t, without(preview.JSON, "checksum")), `{"dry_run":true,"changes":[{"variant_id":"`+vid+`","currency_code":"usd",
			"action":"create","before":null,"computed":5,"after":5}],"summary":{"create":1,"update":0,"unchanged":0,"skip":0,"missing_source":0}}`)
		if got := preview.Keys(); len(got) != 4 || got[3] != "checksum" || preview.String("checksum") == "" {
			t.Errorf("keys %v", got)
		}
		table := "/admin/sales-channels/" + c + "/prices?variant_id=" + vid
		Run(t, s, []Case{
			{Name: "nothing written", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "base", "amount": 10}}}},
			{Name: "apply", Method: "POST", Path: sync, Body: body, Status: 200,
				Want: M{"dry_run": false, "summary": M{"create": 1}, "checksum": preview.String("checksum")}},
			{Name: "written", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "override", "amount": 5}}}},
			{Name: "again: unchanged", Method: "POST", Path: sync, Body: body, Status: 200,
				Want: M{"changes": A{M{"action": "unchanged", "before": 5, "computed": 5, "after": 5}}}},
			{Name: "another factor: skip", Method: "POST", Path: sync, Body: with(body, "factor", 0.8), Status: 200,
				Want: M{"changes": A{M{"action": "skip", "before": 5, "computed": 8, "after": 5}}}},
			{Name: "overwrite: update", Method: "POST", Path: sync, Body: with(with(body, "factor", 0.8), "overwrite", true), Status: 200,
				Want: M{"changes": A{M{"action": "update", "before": 5, "computed": 8, "after": 8}}, "summary": M{"update": 1}}},
			{Name: "no eur source", Method: "POST", Path: sync, Body: M{"source_sales_channel_id": nil, "source_currency_code": "eur", "factor": 2},
				Status: 200, Want: M{"changes": A{M{"action": "missing_source", "before": nil, "computed": nil, "after": nil}}}},
			{Name: "usd to eur without a factor", Method: "POST", Path: sync, Body: M{"source_sales_channel_id": nil, "source_currency_code": "usd", "currency_code": "eur"},
				Status: 400, Exact: ErrBody("invalid_data", "A factor is required to copy prices from usd to eur")},
		})
		wantAuditCauses(t, s, c, []string{"price_copy", "price_copy"})
	})
}

// V27: a checksum-guarded apply refuses changes that differ from the preview, and the
// body's other checks.
func TestCopyPricesGuards(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c := s.Channel("C")
		eur := configuredChannel(s, "EUR only", "eur")
		pid, vid := productIn(s, "Lamp", M{"usd": 10}, c)
		_, other := productIn(s, "Chair", M{"usd": 3})
		sync := "/admin/sales-channels/" + c + "/prices/sync"
		body := M{"source_sales_channel_id": nil, "source_currency_code": "usd"}
		x := s.Post(sync, with(body, "dry_run", true)).Must(200).String("checksum")
		s.Post("/admin/products/"+pid+"/variants/"+vid, M{"prices": A{M{"currency_code": "usd", "amount": 11}}}).Must(200)
		table := "/admin/sales-channels/" + c + "/prices?variant_id=" + vid
		conflict := `{"type":"conflict","code":"invalid_state_error","message":"The request conflicted with another request. You may retry the request with the provided Idempotency-Key."}`
		var y string
		invalid := func(msg string) string { return ErrBody("invalid_data", msg) }
		Run(t, s, []Case{
			{Name: "stale checksum", Method: "POST", Path: sync, Body: with(body, "expected_checksum", x), Status: 409, Exact: conflict},
			{Name: "nothing written", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "base", "amount": 11}}}},
			{Name: "preview again", Method: "POST", Path: sync, Body: with(body, "dry_run", true), Status: 200,
				Check: func(t *testing.T, r *Response) {
					if y = r.String("checksum"); y == x {
						t.Errorf("the checksum did not change with the changes")
					}
				}},
			{Name: "fresh checksum", Method: "POST", Path: sync, Body: M{"source_sales_channel_id": nil, "source_currency_code": "usd", "expected_checksum": &y},
				Status: 200, Want: M{"changes": A{M{"action": "create", "after": 11}}}},
			{Name: "variants outside the channel", Method: "POST", Path: sync, Body: with(body, "variant_ids", A{other, vid, "variant_missing", other}),
				Status: 400, Exact: invalid("Product variants with IDs " + other + ", variant_missing are not in sales channel " + c)},
			{Name: "a variant given", Method: "POST", Path: sync, Body: with(with(body, "variant_ids", A{vid}), "dry_run", true),
				Status: 200, Want: M{"changes": A{M{"variant_id": vid, "action": "unchanged"}}}},
			{Name: "factor 0", Method: "POST", Path: sync, Body: with(body, "factor", 0), Status: 400, Exact: invalid("Invalid request: factor must be greater than 0")},
			{Name: "unknown source", Method: "POST", Path: sync, Body: with(body, "source_sales_channel_id", "sc_missing"),
				Status: 400, Exact: invalid("Sales channels with IDs sc_missing do not exist")},
			{Name: "currency not offered", Method: "POST", Path: "/admin/sales-channels/" + eur + "/prices/sync", Body: body,
				Status: 400, Exact: invalid("Currency usd is not available in sales channel " + eur)},
			{Name: "unknown channel", Method: "POST", Path: "/admin/sales-channels/sc_missing/prices/sync", Body: body,
				Status: 404, Exact: ErrBody("not_found", "Sales channel with id: sc_missing not found")},
			{Name: "source key required", Method: "POST", Path: sync, Body: M{"source_currency_code": "usd"}, Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown key", Method: "POST", Path: sync, Body: with(body, "force", true), Status: 400, Check: WantType("invalid_data")},
			{Name: "copy from a channel", Method: "POST", Path: "/admin/sales-channels/" + eur + "/prices/sync",
				Body:   M{"source_sales_channel_id": c, "source_currency_code": "usd", "currency_code": "eur", "factor": 0.9, "dry_run": true},
				Status: 200, Want: M{"changes": A{}}},
		})
	})
}

// without returns the decoded object v without key.
func without(v any, key string) any {
	m, _ := v.(map[string]any)
	out := map[string]any{}
	for k, x := range m {
		if k != key {
			out[k] = x
		}
	}
	return out
}

// wantAuditCauses fails unless channelID's price audit entries, oldest first, have these
// causes.
func wantAuditCauses(t *testing.T, s *Server, channelID string, causes []string) {
	t.Helper()
	rows, err := s.App.DB.Read().QueryContext(t.Context(), `SELECT coalesce(cause, '') FROM audit_log
		WHERE resource = 'price' AND sales_channel_id = $1 ORDER BY created_at, id`, channelID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	if len(got) != len(causes) {
		t.Fatalf("causes %v, want %v", got, causes)
	}
	for i := range got {
		if got[i] != causes[i] {
			t.Fatalf("causes %v, want %v", got, causes)
		}
	}
}
