package validate

import (
	"reflect"
	"strings"
	"testing"
)

var jsonSeeds = []string{
	`{}`, `[]`, `"x"`, `1`, `-0.5e+10`, `true`, `false`, `null`, ` { "a" : [ 1 , "b" , null ] } `,
	`{"b":1,"a":2,"b":3}`, `{"s":"tab\tquote\"slash\\/u\u00e9"}`, `{"s":"\ud83d\ude00 \ud800 x"}`,
	"{\"s\":\"bad \xff utf8\"}", `{"a":{"b":{"c":[[],{}]}}}`, `{"n":1e400,"m":-1e-999999}`,
	`[` + strings.Repeat(`[`, maxDepth) + strings.Repeat(`]`, maxDepth) + `]`,
	`{"a":`, `{a}`, `{} {}`, `[1,]`, `"\x"`,
}

// FuzzReadJSON checks that the fast reader agrees with encoding/json's tokens on any input:
// the same value, or an error from both. `go test` runs the seeds; `go test -fuzz
// FuzzReadJSON` explores further.
func FuzzReadJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, ferr := readJSON(body)
		slow, serr := readJSONSlowly(body)
		if (ferr == nil) != (serr == nil) {
			t.Fatalf("%q: fast error %v, slow error %v", body, ferr, serr)
		}
		if ferr == nil && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q:\nfast %#v\nslow %#v", body, fast, slow)
		}
	})
}
