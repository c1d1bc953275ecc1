// Package validate is a small zod-like schema system for channeld's HTTP edge. A schema checks a
// decoded JSON body or a parsed query string, returns the coerced value, and reports failures with
// the exact texts Medusa v2 produces from zod issues, because clients match on those messages. The
// same declarations also render JSON Schema fragments for the OpenAPI document.
package validate

import (
	"strings"

	"channeld/internal/platform/apperr"
)

// issueCode mirrors the zod issue codes the message formatter distinguishes.
type issueCode int

const (
	invalidType issueCode = iota
	invalidUnion
	invalidEnum
	invalidLiteral
	unrecognizedKeys
	tooSmall
	tooBig
	custom
)

// issue is one zod issue. Only the fields its code uses are set.
type issue struct {
	code     issueCode
	path     []string
	expected string
	// received is empty with hasReceived false for issues zod gives no "received" (an invalid_union),
	// which Medusa then prints as "undefined".
	received    string
	hasReceived bool
	// required marks an invalid_type issue on an absent value: zod's message "Required".
	required bool
	options  []string
	keys     []string
	bound    string
	message  string
	// union holds, for an invalid_union, the issues of every member in member order.
	union [][]issue
}

// maxReported is how many issues Medusa puts into one message.
const maxReported = 3

// toError renders the issues the way Medusa's zod-helpers formatError does.
func toError(issues []issue) *apperr.Error {
	if len(issues) > maxReported {
		issues = issues[:maxReported]
	}
	msgs := make([]string, len(issues))
	for i, is := range issues {
		msgs[i] = is.format()
	}
	return apperr.Invalidf("Invalid request: %s", strings.Join(msgs, "; "))
}

func (is issue) format() string {
	switch is.code {
	case invalidType:
		if m, ok := formatInvalidType([]issue{is}); ok {
			return m
		}
		m, _ := formatRequired([]issue{is})
		return m
	case invalidUnion:
		var all []issue
		for _, member := range is.union {
			all = append(all, member...)
		}
		if m, ok := formatInvalidType(all); ok {
			return m
		}
		// JS joins an undefined message as the empty string, so "" is faithful here.
		m, _ := formatRequired(all)
		return m
	case invalidEnum:
		return "Expected: '" + strings.Join(is.options, ", ") + "' for field '" + joinPath(is.path) +
			"', but got: '" + is.received + "'"
	case invalidLiteral:
		return "Expected literal: '" + is.expected + "' for field '" + joinPath(is.path) +
			"', but got: '" + is.received + "'"
	case unrecognizedKeys:
		return "Unrecognized fields: '" + strings.Join(is.keys, ", ") + "'"
	case tooSmall:
		return "Value for field '" + joinPath(is.path) + "' too small, expected at least: '" + is.bound + "'"
	case tooBig:
		return "Value for field '" + joinPath(is.path) + "' too big, expected at most: '" + is.bound + "'"
	default:
		return is.message
	}
}

// formatInvalidType takes the path and the received type from the first issue even when that issue
// is not itself a type issue; Medusa does the same, hence its occasional "got: 'undefined'".
func formatInvalidType(issues []issue) (string, bool) {
	var expected []string
	for _, is := range issues {
		if is.code == invalidType && !is.required {
			expected = append(expected, is.expected)
		}
	}
	if len(expected) == 0 {
		return "", false
	}
	received := "undefined"
	if issues[0].hasReceived {
		received = issues[0].received
	}
	return "Expected type: '" + strings.Join(expected, ", ") + "' for field '" + joinPath(issues[0].path) +
		"', got: '" + received + "'", true
}

func formatRequired(issues []issue) (string, bool) {
	for _, is := range issues {
		if is.code == invalidType && is.required {
			return "Field '" + joinPath(issues[0].path) + "' is required", true
		}
	}
	return "", false
}

func joinPath(path []string) string { return strings.Join(path, ", ") }
