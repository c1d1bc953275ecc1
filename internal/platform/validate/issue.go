// Package validate is a small zod-like schema system for channeld's HTTP edge. A schema checks a
// decoded JSON body or a parsed query string, returns the coerced value, and reports failures with
// the exact texts Medusa 2.21.2 produces from zod 4 issues, because clients match on those
// messages. The same declarations also render JSON Schema fragments for the OpenAPI document.
// testdata/oracle.js records Medusa's own answers in testdata/golden.json, which the tests replay.
package validate

import (
	"strings"

	"channeld/internal/platform/apperr"
)

// issueCode mirrors the zod 4 issue codes Medusa's formatter distinguishes.
type issueCode int

const (
	invalidType issueCode = iota
	invalidValue
	invalidUnion
	unrecognizedKeys
	tooSmall
	tooBig
	custom
)

// issue is one zod issue. Only the fields its code uses are set. Paths are absolute.
type issue struct {
	code issueCode
	path []string
	// expected is the type an invalid_type issue wanted: "string", "number", "int", "record"...
	expected string
	// values are an invalid_value issue's accepted values (an enum's, or a literal), printed.
	values  []string
	keys    []string
	bound   string
	message string
	// union holds, for an invalid_union, the issues of every member in member order.
	union [][]issue
	// cont is zod's "continue": the value is still usable, so later checks run (see abortedSince).
	cont bool
}

// maxReported is how many issues Medusa puts into one message.
const maxReported = 3

// toError renders the issues the way Medusa's zod-helpers formatError does. The input is
// needed because Medusa reads each received value back from the request, not from the issue.
func toError(issues []issue, input any) *apperr.Error {
	if len(issues) > maxReported {
		issues = issues[:maxReported]
	}
	msgs := make([]string, len(issues))
	for i, is := range issues {
		msgs[i] = is.format(input)
	}
	return apperr.Invalidf("Invalid request: %s", strings.Join(msgs, "; "))
}

func (is issue) format(input any) string {
	switch is.code {
	case invalidType:
		if m, ok := formatInvalidType([]issue{is}, input); ok {
			return m
		}
		return required(is.path)
	case invalidValue:
		got := lookup(input, is.path)
		if isUndef(got) {
			return required(is.path)
		}
		return "Expected: '" + strings.Join(is.values, ", ") + "' for field '" + joinPath(is.path) +
			"', but got: '" + jsString(got) + "'"
	case invalidUnion:
		var all []issue
		for _, member := range is.union {
			all = append(all, member...)
		}
		if m, ok := formatInvalidType(all, input); ok {
			return m
		}
		if m, ok := formatRequired(all, input); ok {
			return m
		}
		return "Invalid input"
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

// formatInvalidType lists the expected types of the type issues whose field holds a value, but
// takes the path and the received value from the first type issue even when its field holds
// none; Medusa does the same, hence its occasional "got: 'undefined'".
func formatInvalidType(issues []issue, input any) (string, bool) {
	var first *issue
	var expected []string
	for i := range issues {
		is := &issues[i]
		if is.code != invalidType {
			continue
		}
		if first == nil {
			first = is
		}
		if !isUndef(lookup(input, is.path)) {
			expected = append(expected, is.expected)
		}
	}
	if len(expected) == 0 {
		return "", false
	}
	return "Expected type: '" + strings.Join(expected, ", ") + "' for field '" + joinPath(first.path) +
		"', got: '" + jsString(lookup(input, first.path)) + "'", true
}

// formatRequired names the first type or value issue whose field holds nothing.
func formatRequired(issues []issue, input any) (string, bool) {
	for _, is := range issues {
		if (is.code == invalidType || is.code == invalidValue) && isUndef(lookup(input, is.path)) {
			return required(is.path), true
		}
	}
	return "", false
}

func required(path []string) string { return "Field '" + joinPath(path) + "' is required" }

func joinPath(path []string) string { return strings.Join(path, ", ") }
