package httpapi

import (
	"errors"
	"io"
	"net/http"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/qs"
	"channeld/internal/platform/validate"
)

// MaxBodyBytes bounds a request body; larger bodies get a 413 and are never parsed.
const MaxBodyBytes = 1 << 20

// errBodyTooLarge is rendered as 413 by WriteError.
var errBodyTooLarge = &apperr.Error{Kind: apperr.Invalid, Message: "Invalid request: the body is larger than 1048576 bytes"}

// DecodeBody reads the JSON body, validates it against s with Medusa's messages and decodes
// the result into dst.
func DecodeBody(r *http.Request, s validate.Schema, dst any) error {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return errBodyTooLarge
		}
		return apperr.Invalidf("Invalid request: could not read the body")
	}
	return validate.DecodeJSON(body, s, dst)
}

// DecodeQuery parses the query string as Medusa does (qs brackets, comma splitting, dotted
// keys), validates it against s and decodes the result into dst.
func DecodeQuery(r *http.Request, s validate.Schema, dst any) error {
	keys, values, err := qs.ParseOrdered(r.URL.RawQuery)
	if err != nil {
		return err
	}
	return validate.Decode(validate.OrderedObject(keys, values), s, dst)
}
