// Package clock gives services an injectable notion of "now", truncated to the millisecond
// precision that the wire format (RFC 3339 with milliseconds) and both databases keep.
package clock

import "time"

// Clock returns the current time.
type Clock func() time.Time

// System is the real clock, in UTC, truncated to milliseconds.
func System() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }
