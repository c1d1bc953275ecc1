// Package apperr is the closed set of error kinds that domain code returns and the HTTP layer
// renders in Medusa's error shape. Anything that is not an *Error is an internal failure: its
// text never reaches a client.
package apperr

import (
	"errors"
	"fmt"
)

// Kind names a class of failure. The string is the `type` field of Medusa's error body.
type Kind string

// The kinds a caller can act on. Their HTTP statuses live in one table in httpapi.
const (
	NotFound     Kind = "not_found"
	Invalid      Kind = "invalid_data"
	NotAllowed   Kind = "not_allowed"
	Unauthorized Kind = "unauthorized"
	Forbidden    Kind = "forbidden"
	Duplicate    Kind = "duplicate_error"
	Conflict     Kind = "conflict"
	// TooManyRequests refuses a caller that failed too often (login guessing); Medusa has no
	// such type, so channeld names it after the status it answers, 429.
	TooManyRequests Kind = "too_many_requests"
	// Internal is what KindOf reports for an error that carries no kind.
	Internal Kind = "unknown_error"
)

// Error is a failure with a kind and a message that is safe to show to the caller.
type Error struct {
	Kind    Kind
	Message string
	// Code is Medusa's optional machine code, e.g. "insufficient_inventory"; empty when unset.
	Code string
}

func (e *Error) Error() string { return string(e.Kind) + ": " + e.Message }

// New returns an error of the given kind with a formatted message.
func New(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// WithCode returns a copy of e carrying a machine code.
func (e *Error) WithCode(code string) *Error {
	c := *e
	c.Code = code
	return &c
}

// NotFoundf is shorthand for New(NotFound, ...).
func NotFoundf(format string, args ...any) *Error { return New(NotFound, format, args...) }

// Invalidf is shorthand for New(Invalid, ...).
func Invalidf(format string, args ...any) *Error { return New(Invalid, format, args...) }

// NotAllowedf is shorthand for New(NotAllowed, ...).
func NotAllowedf(format string, args ...any) *Error { return New(NotAllowed, format, args...) }

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// KindOf returns the kind of err, or Internal when err carries none.
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return Internal
}

// Is reports whether err carries the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
