package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// readJSON decodes one JSON value keeping object key order, which zod uses to list unknown
// keys, and numbers as json.Number. The body is checked with json.Valid first, then read by
// a small parser that may assume it is well formed: reading through encoding/json's tokens
// cost a tenth of a second for a 400 KB body.
func readJSON(body []byte) (any, error) {
	if !json.Valid(body) {
		_, err := readJSONSlowly(body)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, err
	}
	p := parser{data: body}
	return p.value(0)
}

// parser reads a JSON text json.Valid accepted.
type parser struct {
	data []byte
	pos  int
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) && strings.IndexByte(" \t\r\n", p.data[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *parser) value(depth int) (any, error) {
	p.skipSpace()
	switch c := p.data[p.pos]; c {
	case '{', '[':
		if depth >= maxDepth {
			return nil, errors.New("nesting too deep")
		}
		if c == '[' {
			return p.array(depth)
		}
		return p.object(depth)
	case '"':
		return p.str()
	case 't':
		p.pos += len("true")
		return true, nil
	case 'f':
		p.pos += len("false")
		return false, nil
	case 'n':
		p.pos += len("null")
		return nil, nil
	}
	start := p.pos
	for p.pos < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.pos]) >= 0 {
		p.pos++
	}
	return json.Number(p.data[start:p.pos]), nil
}

func (p *parser) array(depth int) (any, error) {
	p.pos++ // [
	arr := []any{}
	for {
		p.skipSpace()
		if p.data[p.pos] == ']' {
			p.pos++
			return arr, nil
		}
		if p.data[p.pos] == ',' {
			p.pos++
		}
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		arr = append(arr, e)
	}
}

func (p *parser) object(depth int) (any, error) {
	p.pos++ // {
	obj := &object{vals: map[string]any{}}
	for {
		p.skipSpace()
		switch p.data[p.pos] {
		case '}':
			p.pos++
			return obj, nil
		case ',':
			p.pos++
			p.skipSpace()
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		p.pos++ // :
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		// A repeated key keeps its first position and its last value, like JSON.parse.
		if _, dup := obj.vals[k]; !dup {
			obj.keys = append(obj.keys, k)
		}
		obj.vals[k] = e
	}
}

// str reads a string. One without escapes is its bytes; the others are unquoted by
// encoding/json, which also turns invalid UTF-8 and lone surrogates into U+FFFD.
func (p *parser) str() (string, error) {
	start := p.pos
	escaped := false
	for p.pos++; p.data[p.pos] != '"'; p.pos++ {
		if p.data[p.pos] == '\\' {
			escaped = true
			p.pos++
		}
	}
	p.pos++
	raw := p.data[start:p.pos]
	if inner := raw[1 : len(raw)-1]; !escaped && utf8.Valid(inner) {
		return string(inner), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("read string: %w", err)
	}
	return s, nil
}

// maxDepth bounds nesting so a hostile body cannot exhaust the stack.
const maxDepth = 512

// readJSONSlowly decodes like readJSON through encoding/json's tokens, which is several times
// slower; it serves to word the error of a body that is not valid JSON.
func readJSONSlowly(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := readValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return v, nil
}

func readValue(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	if depth >= maxDepth {
		return nil, errors.New("nesting too deep")
	}
	switch d {
	case '[':
		arr := []any{}
		for dec.More() {
			e, err := readValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, e)
		}
		_, err = dec.Token()
		return arr, err
	case '{':
		obj := &object{vals: map[string]any{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			e, err := readValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			// A repeated key keeps its first position and its last value, like JSON.parse.
			if _, dup := obj.vals[k]; !dup {
				obj.keys = append(obj.keys, k)
			}
			obj.vals[k] = e
		}
		_, err = dec.Token()
		return obj, err
	}
	return nil, fmt.Errorf("unexpected %q", d)
}
