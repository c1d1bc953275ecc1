package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"channeld/internal/platform/fields"
)

// WriteJSON writes v as a JSON response with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := Marshal(v)
	if err != nil {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}`))
		return
	}
	WriteRaw(w, status, body)
}

// Marshal encodes v as responses carry JSON: compact, without a trailing newline, and with
// <, > and & left as they are (Medusa does not escape them).
func Marshal(v any) ([]byte, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// WriteRaw writes an already encoded JSON body.
func WriteRaw(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return bufferPool.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	// Huge buffers are dropped so one large response does not pin memory forever.
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	bufferPool.Put(b)
}

// Envelope is a single-entity response whose entity JSON was written by a field projection:
// {"<key>": <raw>}.
func Envelope(key string, raw []byte) []byte {
	out := make([]byte, 0, len(raw)+len(key)+8)
	out = append(out, `{"`...)
	out = append(out, key...)
	out = append(out, `":`...)
	out = append(out, raw...)
	return append(out, '}')
}

// ListEnvelope is Medusa's paginated list response, keys in Medusa's order:
// {"<key>": [...], "count": n, "offset": n, "limit": n}.
func ListEnvelope(key string, items []byte, count, offset, limit int) []byte {
	out := AppendListOpening(make([]byte, 0, len(items)+len(key)+64), key)
	out = append(out, items...)
	return AppendListClosing(out, count, offset, limit)
}

// AppendListOpening and AppendListClosing write ListEnvelope around items a caller appends
// between them, for a list written straight into the response's one buffer.
func AppendListOpening(b []byte, key string) []byte {
	b = append(b, `{"`...)
	b = append(b, key...)
	return append(b, `":`...)
}

// AppendListClosing ends what AppendListOpening began.
func AppendListClosing(b []byte, count, offset, limit int) []byte {
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, int64(count), 10)
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, int64(offset), 10)
	b = append(b, `,"limit":`...)
	b = strconv.AppendInt(b, int64(limit), 10)
	return append(b, '}')
}

// Deleted is Medusa's delete response: {"id", "object", "deleted": true}.
type Deleted struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Deleted bool   `json:"deleted"`
}

// DeletedWithParent is Medusa's answer to deleting a child: {"id", "object", "deleted": true,
// "parent": <parent>}, the parent as it is after the deletion.
func DeletedWithParent(id, object string, parent []byte) []byte {
	b := append([]byte(`{"id":`), fields.AppendString(nil, id)...)
	b = append(b, `,"object":`...)
	b = fields.AppendString(b, object)
	b = append(b, `,"deleted":true,"parent":`...)
	b = append(b, parent...)
	return append(b, '}')
}
