package customer_test

import (
	"strings"
	"testing"

	. "channeld/internal/apitest"
)

// A shopper registers, creates its customer with the registration token, logs in and reads
// and changes itself, with Medusa's answers to every wrong turn on the way.
func TestCustomerAccount(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		f := s.Storefronts()
		reg := "/auth/customer/emailpass/register"
		regToken := register(t, s, "Ada@Example.com")
		unauthorized := `{"message":"Unauthorized"}`
		Run(t, s, []Case{
			{Name: "register again with the password", Method: "POST", Path: reg, Body: M{"email": "ada@example.com", "password": password}, Status: 200,
				Check: func(t *testing.T, r *Response) {
					if m, _ := r.JSON.(map[string]any); len(m) != 1 || strings.Count(r.String("token"), ".") != 2 {
						t.Errorf("want {token: <JWT>}, got %s", r.Body)
					}
				}},
			{Name: "register again with another password", Method: "POST", Path: reg, Body: M{"email": "ada@example.com", "password": "another-password"},
				Status: 401, Exact: ErrBody("unauthorized", "Identity with email already exists")},
			{Name: "register without password", Method: "POST", Path: reg, Body: M{"email": "bob@example.com"},
				Status: 401, Exact: ErrBody("unauthorized", "Password should be a string")},
			{Name: "register without email", Method: "POST", Path: reg, Body: M{"password": password},
				Status: 401, Exact: ErrBody("unauthorized", "Email should be a string")},
			{Name: "register a short password", Method: "POST", Path: reg, Body: M{"email": "bob@example.com", "password": "short"},
				Status: 400, Exact: ErrBody("invalid_data", "Password must be between 8 and 256 characters")},
			{Name: "register a bad email", Method: "POST", Path: reg, Body: M{"email": "not an email", "password": password},
				Status: 400, Exact: ErrBody("invalid_data", "Invalid email: not an email")},
			{Name: "register a NUL byte", Method: "POST", Path: reg, Body: `{"email":"a\u0000@example.com","password":"s3cret-password"}`, Status: 400},
			{Name: "create without a token", Method: "POST", Path: "/store/customers", Body: M{"email": "ada@example.com"},
				Headers: KeyHeader(f.KeyA), Status: 401, Exact: unauthorized},
			{Name: "create without a key", Method: "POST", Path: "/store/customers", Body: M{"email": "ada@example.com"},
				Headers: map[string]string{"Authorization": "Bearer " + regToken}, Status: 400, Want: M{"type": "not_allowed"}},
			{Name: "create with an admin token", Method: "POST", Path: "/store/customers", Body: M{"email": "ada@example.com"},
				Headers: headers(f.KeyA, s.Token), Status: 401, Exact: unauthorized},
			{Name: "create without email", Method: "POST", Path: "/store/customers", Body: M{"first_name": "Ada"},
				Headers: headers(f.KeyA, regToken), Status: 400, Exact: ErrBody("invalid_data", "Email is required to create a customer")},
			{Name: "create with a bad email", Method: "POST", Path: "/store/customers", Body: M{"email": "nope"},
				Headers: headers(f.KeyA, regToken), Status: 400, Exact: ErrBody("invalid_data", "Invalid request: Invalid email")},
			{Name: "create with an unknown field", Method: "POST", Path: "/store/customers", Body: M{"email": "ada@example.com", "vip": true},
				Headers: headers(f.KeyA, regToken), Status: 400, Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'vip'")},
			{Name: "create", Method: "POST", Path: "/store/customers", Body: M{"email": "Ada@Example.com", "first_name": "Ada", "last_name": "Lovelace"},
				Headers: headers(f.KeyA, regToken), Status: 200, Want: M{"customer": M{"id": Any, "email": "ada@example.com", "first_name": "Ada",
					"last_name": "Lovelace", "company_name": nil, "phone": nil, "metadata": nil, "has_account": true, "deleted_at": nil,
					"created_at": Any, "updated_at": Any, "addresses": A{}, "created_by": Absent}}},
			{Name: "create twice", Method: "POST", Path: "/store/customers", Body: M{"email": "ada@example.com"},
				Headers: headers(f.KeyA, regToken), Status: 400, Exact: ErrBody("invalid_data", "Request already authenticated as a customer.")},
			{Name: "a registration token is no login", Method: "GET", Path: "/store/customers/me", Headers: headers(f.KeyA, regToken), Status: 401, Exact: unauthorized},
			{Name: "login with a wrong password", Method: "POST", Path: "/auth/customer/emailpass", Body: M{"email": "ada@example.com", "password": "wrong-password"},
				Status: 401, Exact: ErrBody("unauthorized", "Invalid email or password")},
			{Name: "login with an unknown email", Method: "POST", Path: "/auth/customer/emailpass", Body: M{"email": "nobody@example.com", "password": password},
				Status: 401, Exact: ErrBody("unauthorized", "Invalid email or password")},
			{Name: "an admin's password is no customer's", Method: "POST", Path: "/auth/customer/emailpass", Body: M{"email": AdminEmail, "password": AdminPassword},
				Status: 401, Exact: ErrBody("unauthorized", "Invalid email or password")},
		})

		token := login(t, s, "ADA@example.com")
		as := headers(f.KeyA, token)
		other, otherToken := signUp(t, s, f.KeyA, "grace@example.com", M{"first_name": "Grace"})
		otherAddress := s.Do("POST", "/store/customers/me/addresses", M{"city": "Arlington"}, headers(f.KeyA, otherToken)).Must(200).
			String("customer.addresses.0.id")
		refreshed := s.Do("POST", "/auth/token/refresh", nil, map[string]string{"Authorization": "Bearer " + regToken}).Must(200).String("token")
		Run(t, s, []Case{
			{Name: "me", Method: "GET", Path: "/store/customers/me", Headers: as, Status: 200,
				Want: M{"customer": M{"email": "ada@example.com", "first_name": "Ada", "has_account": true, "addresses": A{}}}},
			{Name: "me with fields", Method: "GET", Path: "/store/customers/me?fields=email", Headers: as, Status: 200,
				Check: func(t *testing.T, r *Response) {
					if keys := r.Keys("customer"); len(keys) != 2 || r.String("customer.email") != "ada@example.com" {
						t.Errorf("want id and email alone: %s", r.Body)
					}
				}},
			{Name: "me without who created it", Method: "GET", Path: "/store/customers/me?fields=created_by", Headers: as, Status: 400,
				Exact: ErrBody("invalid_data", "Requested fields [created_by] are not valid")},
			{Name: "a refreshed registration token logs in", Method: "GET", Path: "/store/customers/me?fields=email", Headers: headers(f.KeyA, refreshed), Status: 200},
			{Name: "me on another key's channel is the same customer", Method: "GET", Path: "/store/customers/me?fields=email", Headers: headers(f.KeyB, token), Status: 200,
				Want: M{"customer": M{"email": "ada@example.com"}}},
			{Name: "an admin token is not a customer", Method: "GET", Path: "/store/customers/me", Headers: headers(f.KeyA, s.Token), Status: 401, Exact: unauthorized},
			{Name: "a customer token does not open admin", Method: "GET", Path: "/admin/customers", Headers: map[string]string{"Authorization": "Bearer " + token},
				Status: 401, Exact: unauthorized},
			{Name: "a customer token does not open admin users", Method: "GET", Path: "/admin/users/me", Headers: map[string]string{"Authorization": "Bearer " + token},
				Status: 401, Exact: unauthorized},
			{Name: "a bad token", Method: "GET", Path: "/store/customers/me", Headers: headers(f.KeyA, "not.a.token"), Status: 401, Exact: unauthorized},
			{Name: "update", Method: "POST", Path: "/store/customers/me", Headers: as, Body: M{"phone": "+44 20 7946 0000", "metadata": M{"vip": true}},
				Status: 200, Want: M{"customer": M{"first_name": "Ada", "phone": "+44 20 7946 0000", "metadata": M{"vip": true}}}},
			{Name: "the email is not the customer's to change", Method: "POST", Path: "/store/customers/me", Headers: as, Body: M{"email": "x@example.com"},
				Status: 400, Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'email'")},
			{Name: "update with a NUL byte", Method: "POST", Path: "/store/customers/me", Headers: as, Body: `{"first_name":"A\u0000"}`, Status: 400},
			{Name: "add an address", Method: "POST", Path: "/store/customers/me/addresses", Headers: as,
				Body: M{"address_name": "Home", "first_name": "Ada", "address_1": "12 St James's Square", "city": "London",
					"country_code": "gb", "postal_code": "SW1Y 4JH", "is_default_shipping": true},
				Status: 200, Want: M{"customer": M{"addresses": A{M{"id": Any, "address_name": "Home", "city": "London", "country_code": "gb",
					"is_default_shipping": true, "is_default_billing": false, "company": nil}}}}},
			{Name: "a second default shipping address takes the flag", Method: "POST", Path: "/store/customers/me/addresses", Headers: as,
				Body:   M{"address_name": "Work", "city": "Cambridge", "is_default_shipping": true, "is_default_billing": true},
				Status: 200, Want: M{"customer": M{"addresses": A{M{"address_name": "Home", "is_default_shipping": false},
					M{"address_name": "Work", "is_default_shipping": true, "is_default_billing": true}}}}},
			{Name: "an address with an unknown field", Method: "POST", Path: "/store/customers/me/addresses", Headers: as, Body: M{"town": "Leeds"},
				Status: 400, Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'town'")},
			{Name: "list addresses", Method: "GET", Path: "/store/customers/me/addresses?city=Cambridge&fields=city", Headers: as, Status: 200,
				Want: M{"addresses": A{M{"id": Any, "city": "Cambridge"}}, "count": 1, "offset": 0, "limit": 50}},
			{Name: "another customer's address", Method: "GET", Path: "/store/customers/me/addresses/" + otherAddress, Headers: as, Status: 404,
				Exact: ErrBody("not_found", "Address with id: "+otherAddress+" was not found")},
			{Name: "update another customer's address", Method: "POST", Path: "/store/customers/me/addresses/" + otherAddress, Headers: as,
				Body: M{"city": "Paris"}, Status: 404, Exact: ErrBody("not_found", "Address with id: "+otherAddress+" was not found")},
			{Name: "delete another customer's address", Method: "DELETE", Path: "/store/customers/me/addresses/" + otherAddress, Headers: as,
				Status: 404, Exact: ErrBody("not_found", "Address with id: "+otherAddress+" was not found")},
			{Name: "an address id with a NUL byte", Method: "GET", Path: "/store/customers/me/addresses/a%00b", Headers: as, Status: 400},
			{Name: "the other customer keeps its address", Method: "GET", Path: "/store/customers/me/addresses/" + otherAddress + "?fields=city",
				Headers: headers(f.KeyA, otherToken), Status: 200, Exact: `{"address":{"id":"` + otherAddress + `","city":"Arlington"}}`},
		})

		me := s.Do("GET", "/store/customers/me", nil, as).Must(200)
		home, id := me.String("customer.addresses.0.id"), me.String("customer.id")
		Run(t, s, []Case{
			{Name: "update an address", Method: "POST", Path: "/store/customers/me/addresses/" + home + "?fields=id,*addresses", Headers: as,
				Body: M{"city": "Bath", "address_2": nil, "is_default_billing": true}, Status: 200,
				Want: M{"customer": M{"id": id, "addresses": A{M{"id": home, "city": "Bath", "is_default_billing": true}, M{"is_default_billing": false}}}}},
			{Name: "retrieve an address", Method: "GET", Path: "/store/customers/me/addresses/" + home, Headers: as, Status: 200,
				Want: M{"address": M{"id": home, "customer_id": id, "city": "Bath", "address_name": "Home"}}},
			{Name: "delete an address", Method: "DELETE", Path: "/store/customers/me/addresses/" + home + "?fields=id,addresses.id", Headers: as, Status: 200,
				Want: M{"id": id, "object": "address", "deleted": true, "parent": M{"id": id, "addresses": A{M{"id": Any}}}}},
			{Name: "a deleted address is gone", Method: "GET", Path: "/store/customers/me/addresses/" + home, Headers: as, Status: 404},
		})

		// Two identities cannot make customers with accounts of one email.
		s.Do("POST", "/store/customers", M{"email": "grace@example.com"}, headers(f.KeyA, register(t, s, "hopper@example.com"))).
			Must(422)
		WantEvents(t, s, "customer.created", 2)
		WantEvents(t, s, "customer.updated", 1)
		_ = other
	})
}
