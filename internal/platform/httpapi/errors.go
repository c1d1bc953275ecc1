package httpapi

import (
	"log/slog"
	"net/http"

	"channeld/internal/platform/apperr"
)

// statusOf is the one table from error kind to HTTP status, as Medusa's error handler has it.
var statusOf = map[apperr.Kind]int{
	apperr.NotFound:        http.StatusNotFound,
	apperr.Invalid:         http.StatusBadRequest,
	apperr.NotAllowed:      http.StatusBadRequest,
	apperr.Unauthorized:    http.StatusUnauthorized,
	apperr.Forbidden:       http.StatusForbidden,
	apperr.Duplicate:       http.StatusUnprocessableEntity,
	apperr.Conflict:        http.StatusConflict,
	apperr.TooManyRequests: http.StatusTooManyRequests,
}

// conflictMessage is what Medusa says for every conflict, whatever caused it.
const conflictMessage = "The request conflicted with another request. You may retry the request with the provided Idempotency-Key."

// errorBody is Medusa's error shape; code is omitted when empty because clients compare
// bodies exactly.
type errorBody struct {
	Code    string `json:"code,omitempty"`
	Type    string `json:"type"`
	Message string `json:"message"`
}

// StatusClientClosedRequest is answered to a request whose client went away.
const StatusClientClosedRequest = 499

// WriteError renders err in Medusa's shape. An error without a kind is a 500 whose cause is
// logged with the request id and never shown to the caller.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	e, ok := apperr.As(err)
	if !ok && r.Context().Err() != nil {
		// The client went away (or the server is stopping) while the request ran: nothing
		// failed that an operator must fix, and nobody reads the answer. 499 is the status
		// proxies use for it, so metrics do not count it as a server error.
		log.InfoContext(r.Context(), "request canceled", "error", err.Error(),
			"request_id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path)
		w.WriteHeader(StatusClientClosedRequest)
		return
	}
	if !ok {
		log.ErrorContext(r.Context(), "internal error", "error", err.Error(),
			"request_id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path)
		WriteJSON(w, http.StatusInternalServerError, errorBody{
			Code: "unknown_error", Type: "unknown_error", Message: "An unknown error occurred.",
		})
		return
	}
	status, known := statusOf[e.Kind]
	if !known {
		status = http.StatusInternalServerError
	}
	if e == errBodyTooLarge {
		status = http.StatusRequestEntityTooLarge
	}
	body := errorBody{Code: e.Code, Type: string(e.Kind), Message: e.Message}
	switch e.Kind {
	case apperr.Duplicate:
		body.Code = "invalid_request_error"
	case apperr.Conflict:
		body.Code = "invalid_state_error"
		body.Message = conflictMessage
	}
	noteError(r.Context(), body.Type, e.Message)
	WriteJSON(w, status, body)
}

// WriteUnauthorized writes the bare 401 that Medusa answers to a request without valid
// admin credentials: {"message":"Unauthorized"}, with no type.
func WriteUnauthorized(w http.ResponseWriter, r *http.Request) {
	noteError(r.Context(), string(apperr.Unauthorized), "no valid admin credentials")
	WriteJSON(w, http.StatusUnauthorized, map[string]string{"message": "Unauthorized"})
}
