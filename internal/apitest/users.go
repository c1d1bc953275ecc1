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

// Limited creates, as s's caller, a role holding the policies with keys and a user holding it
// in channels (the spec's LA), and returns the user's id and a view of s acting as it.
func (s *Server) Limited(email string, keys []string, channels ...string) (string, *Server) {
	s.t.Helper()
	refs, chans := A{}, A{}
	for _, k := range keys {
		refs = append(refs, k)
	}
	for _, c := range channels {
		chans = append(chans, c)
	}
	roleID := s.Post("/admin/rbac/roles", M{"name": "Role of " + email, "policy_ids": refs}).Must(200).String("role.id")
	id, token := s.CreateUser(email, M{"roles": A{roleID}, "sales_channel_ids": chans})
	return id, s.As(token)
}

// NoRole creates a user holding no role and returns a view of s acting as it.
func (s *Server) NoRole(email string) *Server {
	s.t.Helper()
	_, token := s.CreateUser(email, nil)
	return s.As(token)
}
