package app

// AdminRules and OpenAdminRoutes expose the route table to the external tests.
var (
	AdminRules      = adminRules
	OpenAdminRoutes = openAdminRoutes
)
