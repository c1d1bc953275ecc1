package app

import (
	"context"

	"channeld/internal/apikey"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
)

// apikeyState is what the API key module leaves on the App.
type apikeyState struct {
	// APIKeys resolves publishable keys; storefront routes run behind
	// APIKeys.RequirePublishable.
	APIKeys *apikey.Service
}

// wireAPIKeys builds the API key module: its admin routes, its link to sales channels (so
// deleting a channel drops key links and channels can be filtered and embedded by key), and
// secret keys as admin credentials.
func (a *App) wireAPIKeys(admin *httpapi.Group, now clock.Clock, newID id.Source) {
	a.APIKeys = apikey.NewService(a.DB, now, newID, a.Channels)
	h := apikey.NewHandler(a.APIKeys)
	admin.Handle(h.Routes()...)

	a.keyLink = &apikey.ChannelLink
	a.linkTables = append(a.linkTables, apikey.ChannelLink)
	a.ChannelsHTTP.AddRelation("publishable_api_keys", h.ChannelRelation())
	a.Auth.SetSecretKeyVerifier(a.APIKeys.VerifySecret)

	// Deleting a channel changes which channels keys reach; drop cached scopes so this
	// instance sees it at once (the one-second expiry covers a lookup racing the commit).
	a.Channels.AddDeleteGuard(func(context.Context, db.DBTX, []string) error {
		a.APIKeys.ForgetScopes()
		return nil
	})
}
