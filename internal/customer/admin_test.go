package customer_test

import (
	"testing"

	. "channeld/internal/apitest"
)

func TestAdminCustomers(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		f := s.Storefronts()
		adminID := s.Get("/admin/users/me").Must(200).String("user.id")
		ada, token := signUp(t, s, f.KeyA, "ada@example.com", M{"first_name": "Ada", "company_name": "Analytical Engines"})
		bob := s.Post("/admin/customers", M{"email": "Bob@Example.com", "first_name": "Bob", "phone": "555"}).Must(200).String("customer.id")
		Run(t, s, []Case{
			{Name: "created", Method: "GET", Path: "/admin/customers/" + bob, Status: 200, Want: M{"customer": M{
				"id": bob, "email": "bob@example.com", "first_name": "Bob", "last_name": nil, "company_name": nil, "phone": "555",
				"metadata": nil, "has_account": false, "created_by": adminID, "created_at": Any, "updated_at": Any, "deleted_at": nil,
				"addresses": Absent}}},
			{Name: "with addresses", Method: "GET", Path: "/admin/customers/" + bob + "?fields=id,*addresses", Status: 200,
				Exact: `{"customer":{"id":"` + bob + `","addresses":[]}}`},
			{Name: "a guest with the email of an account", Method: "POST", Path: "/admin/customers", Body: M{"email": "ada@example.com"}, Status: 200},
			{Name: "two guests with one email", Method: "POST", Path: "/admin/customers", Body: M{"email": "bob@example.com"}, Status: 400,
				Exact: ErrBody("invalid_data", "Customer with email: bob@example.com, has_account: false, already exists.")},
			{Name: "a bad email", Method: "POST", Path: "/admin/customers", Body: M{"email": "bob"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Invalid email")},
			{Name: "a wrong type", Method: "POST", Path: "/admin/customers", Body: M{"first_name": 1}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Expected type: 'string' for field 'first_name', got: '1'")},
			{Name: "a NUL byte", Method: "POST", Path: "/admin/customers", Body: `{"first_name":"B\u0000b"}`, Status: 400},
			{Name: "an id with a NUL byte", Method: "GET", Path: "/admin/customers/cus%00x", Status: 400},
			{Name: "missing", Method: "GET", Path: "/admin/customers/cus_nope", Status: 404,
				Exact: ErrBody("not_found", "Customer with id: cus_nope not found")},
			{Name: "update missing", Method: "POST", Path: "/admin/customers/cus_nope", Body: M{"first_name": "X"}, Status: 404,
				Exact: ErrBody("not_found", `Customer with id "cus_nope" not found`)},
			{Name: "q", Method: "GET", Path: "/admin/customers?q=ANALYTICAL&fields=id", Status: 200,
				Exact: `{"customers":[{"id":"` + ada + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "by email", Method: "GET", Path: "/admin/customers?email=BOB@example.com&fields=email", Status: 200,
				Want: M{"customers": A{M{"id": bob, "email": "bob@example.com"}}, "count": 1}},
			{Name: "with an account", Method: "GET", Path: "/admin/customers?has_account=true&fields=id", Status: 200,
				Exact: `{"customers":[{"id":"` + ada + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "without an account", Method: "GET", Path: "/admin/customers?has_account=false&fields=id", Status: 200,
				Want: M{"count": 2}},
			{Name: "has_account must be a boolean", Method: "GET", Path: "/admin/customers?has_account=maybe", Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Invalid input")},
			{Name: "created by", Method: "GET", Path: "/admin/customers?created_by=" + adminID + "&order=-email&fields=email", Status: 200,
				Want: M{"customers": A{M{"email": "bob@example.com"}, M{"email": "ada@example.com"}}, "count": 2}},
			{Name: "$or of two filters", Method: "GET", Path: "/admin/customers?$or[0][email]=bob@example.com&$or[1][q]=analytical&order=email&fields=email",
				Status: 200, Want: M{"customers": A{M{"id": ada}, M{"id": bob}}, "count": 2}},
			{Name: "$and narrows", Method: "GET", Path: "/admin/customers?$and[0][has_account]=false&$and[1][first_name]=Bob&fields=id", Status: 200,
				Exact: `{"customers":[{"id":"` + bob + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "$or with nothing that matches", Method: "GET", Path: "/admin/customers?$or[0][email]=nobody@example.com&$or[1][first_name]=Zed", Status: 200,
				Want: M{"count": 0}},
			{Name: "an unknown order", Method: "GET", Path: "/admin/customers?order=password", Status: 400},
			{Name: "an unknown filter", Method: "GET", Path: "/admin/customers?password=x", Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'password'")},
			{Name: "update", Method: "POST", Path: "/admin/customers/" + bob, Body: M{"last_name": "Builder", "phone": nil, "metadata": M{"tier": 2}},
				Status: 200, Want: M{"customer": M{"first_name": "Bob", "last_name": "Builder", "phone": nil, "metadata": M{"tier": 2}}}},
			{Name: "update the email", Method: "POST", Path: "/admin/customers/" + ada, Body: M{"email": "Hopper@example.com"}, Status: 200},
			{Name: "delete", Method: "DELETE", Path: "/admin/customers/" + ada, Status: 200,
				Exact: `{"id":"` + ada + `","object":"customer","deleted":true}`},
			{Name: "deleted is gone", Method: "GET", Path: "/admin/customers/" + ada, Status: 404},
			{Name: "a deleted customer's token stops working", Method: "GET", Path: "/store/customers/me", Headers: headers(f.KeyA, token), Status: 401},
			{Name: "delete unknown", Method: "DELETE", Path: "/admin/customers/cus_nope", Status: 200,
				Exact: `{"id":"cus_nope","object":"customer","deleted":true}`},
		})
		// The deleted customer's email registers again.
		again, _ := signUp(t, s, f.KeyA, "ada@example.com", nil)
		if again == ada {
			t.Errorf("a deleted customer came back")
		}
		WantEvents(t, s, "customer.deleted", 1)
		_ = token
	})
}
