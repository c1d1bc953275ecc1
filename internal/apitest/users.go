package apitest

// UserPassword is the password of the users CreateUser makes.
const UserPassword = "user-password"

// CreateUser creates an admin user as s's caller through POST /admin/users, with the rest of
// the body from extra (roles, sales_channel_ids), logs it in and returns its id and token.
func (s *Server) CreateUser(email string, extra M) (id, token string) {
	s.t.Helper()
	body := M{"email": email, "password": UserPassword}
	for k, v := range extra {
		body[k] = v
	}
	id = s.Post("/admin/users", body).Must(200).String("user.id")
	return id, s.Login(email, UserPassword)
}

// Login logs an admin user in and returns its bearer token.
func (s *Server) Login(email, password string) string {
	s.t.Helper()
	return s.Do("POST", "/auth/user/emailpass", M{"email": email, "password": password}, nil).Must(200).String("token")
}

// As returns a view of s whose admin requests carry token instead of the admin's.
func (s *Server) As(token string) *Server {
	c := *s
	c.Token = token
	return &c
}
