package translation_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestTranslationBatch(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		p := s.Post("/admin/products", SizedProduct("Lamp", "LAMP", s.Channel("Web"))).Must(200)
		lamp, small := p.String("product.id"), p.String("product.variants.0.id")
		batch := "/admin/translations/batch"
		created := s.Post(batch, M{"create": A{
			M{"reference_id": lamp, "reference": "product", "locale_code": "fr-fr", "translations": M{"title": "Lampe", "description": "Une lampe"}},
			M{"reference_id": small, "reference": "product_variant", "locale_code": "fr-FR", "translations": M{"title": "Lampe S"}},
		}}).Must(200)
		frLamp, frSmall := created.String("created.0.id"), created.String("created.1.id")
		Run(t, s, []Case{
			{Name: "created as Medusa answers", Method: "GET", Path: "/admin/translations?reference_id=" + lamp, Status: 200,
				Exact: `{"translations":[{"id":"` + frLamp + `","reference_id":"` + lamp + `","reference":"product","locale_code":"fr-FR",` +
					`"translations":{"description":"Une lampe","title":"Lampe"}}],"count":1,"offset":0,"limit":20}`},
			{Name: "by locale, any case", Method: "GET", Path: "/admin/translations?locale_code=FR-fr&fields=id", Status: 200,
				Want: M{"count": 2}},
			{Name: "by reference", Method: "GET", Path: "/admin/translations?reference=product_variant&fields=id,reference_id", Status: 200,
				Exact: `{"translations":[{"id":"` + frSmall + `","reference_id":"` + small + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "by id", Method: "GET", Path: "/admin/translations?id[]=" + frSmall + "&id[]=trans_nope&fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "by another locale", Method: "GET", Path: "/admin/translations?reference_id=" + lamp + "&locale_code=de-DE", Status: 200,
				Exact: `{"translations":[],"count":0,"offset":0,"limit":20}`},
			{Name: "by text", Method: "GET", Path: "/admin/translations?q=une%20lampe&fields=id", Status: 200,
				Exact: `{"translations":[{"id":"` + frLamp + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "paged", Method: "GET", Path: "/admin/translations?limit=1&offset=1&order=reference&fields=id", Status: 200,
				Exact: `{"translations":[{"id":"` + frSmall + `"}],"count":2,"offset":1,"limit":1}`},
			{Name: "one per entity and locale", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product", "locale_code": "FR-FR", "translations": M{"title": "Autre"}}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Translation with reference_id: "+lamp+", locale_code: fr-FR, already exists.")},
			{Name: "twice in one batch", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product", "locale_code": "de-DE", "translations": M{"title": "Lampe"}},
				M{"reference_id": lamp, "reference": "product", "locale_code": "de-de", "translations": M{"title": "Leuchte"}}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Translation with reference_id: "+lamp+", locale_code: de-DE, already exists.")},
			{Name: "unknown product", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": "prod_nope", "reference": "product", "locale_code": "de-DE", "translations": M{"title": "X"}}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Product with id: prod_nope was not found")},
			{Name: "a product id is not a variant", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product_variant", "locale_code": "de-DE", "translations": M{"title": "X"}}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Product variant with id: "+lamp+" was not found")},
			{Name: "E6", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product", "locale_code": "french", "translations": M{"title": "X"}}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Locale code french is not a valid BCP 47 tag")},
			{Name: "other references", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product_category", "locale_code": "de-DE", "translations": M{"title": "X"}}}}, Status: 400,
				Check: WantType("invalid_data")},
			{Name: "other fields", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product", "locale_code": "de-DE", "translations": M{"material": "Glas"}}}}, Status: 400,
				Check: WantType("invalid_data")},
			{Name: "unknown update", Method: "POST", Path: batch, Body: M{"update": A{M{"id": "trans_a", "translations": M{}}, M{"id": frLamp}, M{"id": "trans_b"}}}, Status: 404,
				Exact: ErrBody("not_found", `Translation with id "trans_a, trans_b" not found`)},
			{Name: "a failed batch writes nothing", Method: "POST", Path: batch, Body: M{
				"delete": A{frSmall},
				"create": A{M{"reference_id": "prod_nope", "reference": "product", "locale_code": "de-DE", "translations": M{"title": "X"}}}}, Status: 400},
			{Name: "still two", Method: "GET", Path: "/admin/translations?fields=id", Status: 200, Want: M{"count": 2}},
			{Name: "update, create and delete at once", Method: "POST", Path: batch, Body: M{
				"update": A{M{"id": frLamp, "translations": M{"title": "Lampe de table"}}},
				"create": A{M{"reference_id": small, "reference": "product_variant", "locale_code": "fr-FR", "translations": M{"title": "Petite lampe"}}},
				"delete": A{frSmall, "trans_gone"}}, Status: 200,
				Want: M{
					"created": A{M{"id": Any, "reference_id": small, "reference": "product_variant", "locale_code": "fr-FR", "translations": M{"title": "Petite lampe"}}},
					"updated": A{M{"id": frLamp, "reference_id": lamp, "reference": "product", "locale_code": "fr-FR", "translations": M{"title": "Lampe de table"}}},
					"deleted": M{"ids": A{frSmall, "trans_gone"}, "object": "translation", "deleted": true}}},
			{Name: "an update replaces the fields", Method: "GET", Path: "/admin/translations?id=" + frLamp + "&fields=translations", Status: 200,
				Exact: `{"translations":[{"translations":{"title":"Lampe de table"},"id":"` + frLamp + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "a NUL byte in a translation", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": lamp, "reference": "product", "locale_code": "de-DE", "translations": M{"title": "a\x00b"}}}}, Status: 400,
				Check: WantType("invalid_data")},
			{Name: "a NUL byte in a reference", Method: "POST", Path: batch, Body: M{"create": A{
				M{"reference_id": "prod_\x00", "reference": "product", "locale_code": "de-DE", "translations": M{"title": "X"}}}}, Status: 400,
				Check: WantType("invalid_data")},
			{Name: "a NUL byte in a filter", Method: "GET", Path: "/admin/translations?reference_id=%00&locale_code=%00", Status: 400,
				Check: WantType("invalid_data")},
			{Name: "an empty batch", Method: "POST", Path: batch, Body: M{}, Status: 200,
				Exact: `{"created":[],"updated":[],"deleted":{"ids":[],"object":"translation","deleted":true}}`},
		})
		WantEvents(t, s, "translation.created", 3)
		WantEvents(t, s, "translation.updated", 1)
		WantEvents(t, s, "translation.deleted", 1)
	})
}
