package customer_test

import (
	"testing"

	. "channeld/internal/apitest"
)

const password = "s3cret-password"

// headers are a storefront request's headers: the publishable key and, when token is not
// empty, a bearer token.
func headers(key, token string) map[string]string {
	h := KeyHeader(key)
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return h
}

// register registers email and returns the registration token.
func register(t *testing.T, s *Server, email string) string {
	t.Helper()
	return s.Do("POST", "/auth/customer/emailpass/register", M{"email": email, "password": password}, nil).Must(200).String("token")
}

// login logs a customer in and returns its token.
func login(t *testing.T, s *Server, email string) string {
	t.Helper()
	return s.Do("POST", "/auth/customer/emailpass", M{"email": email, "password": password}, nil).Must(200).String("token")
}

// signUp registers email, creates its customer through key and returns the customer's id
// and a logged-in token, as the starter storefront's signup does.
func signUp(t *testing.T, s *Server, key, email string, profile M) (string, string) {
	t.Helper()
	body := M{"email": email}
	for k, v := range profile {
		body[k] = v
	}
	id := s.Do("POST", "/store/customers", body, headers(key, register(t, s, email))).Must(200).String("customer.id")
	return id, login(t, s, email)
}
