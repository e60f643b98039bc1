// Package jsontok walks JSON one value at a time with encoding/json's token reader, for the
// decoders of node responses that must stop at the first invalid element (so nothing past
// it is decoded or kept) and skip the informational members that clients add.
//
// ArrayLen counts an array's elements without allocating, so that a decoder can check a
// list against its maximum before it allocates the list. The other functions allocate what
// encoding/json's Decoder allocates for the tokens they read and no more. All are safe for
// concurrent use (they share no state).
package jsontok

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// EachElement calls f on each element of the JSON array raw in turn, stopping at the first
// error, which it returns as it is. null is not an array; data after the array is an error.
func EachElement(raw []byte, f func(i int, elem json.RawMessage) error) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("not a JSON array (%.16s)", raw)
	}
	for i := 0; dec.More(); i++ {
		var elem json.RawMessage
		if err := dec.Decode(&elem); err != nil {
			return err
		}
		if err := f(i, elem); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the array")
	}
	return nil
}

// EachField reads one JSON object from dec, calling field with each key; field must
// consume the key's value. Errors of the JSON itself wrap sentinel; field's errors are
// returned as they are.
func EachField(dec *json.Decoder, sentinel error, field func(key string) error) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", sentinel, err)
	}
	if t != json.Delim('{') {
		return fmt.Errorf("%w: %v where an object is expected", sentinel, t)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", sentinel, err)
		}
		key, ok := t.(string)
		if !ok {
			return fmt.Errorf("%w: object key %v", sentinel, t)
		}
		if err := field(key); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return fmt.Errorf("%w: %v", sentinel, err)
	}
	return nil
}

// SkipValue reads past one JSON value of any shape; its errors wrap sentinel.
func SkipValue(dec *json.Decoder, sentinel error) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", sentinel, err)
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// ArrayLen counts the elements of raw, a JSON value that encoding/json has already
// checked to be valid, without decoding them; ok is false when raw is not an array (null,
// or a value of another type, which the caller lets encoding/json refuse).
func ArrayLen(raw []byte) (n int, ok bool) {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 || raw[0] != '[' {
		return 0, false
	}
	depth, commas, empty := 0, 0, true
	inString, escaped := false, false
	for _, c := range raw {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\r', '\n':
		case '[', '{':
			depth++
			if depth > 1 {
				empty = false
			}
		case ']', '}':
			depth--
		case ',':
			if depth == 1 {
				commas++
			}
		case '"':
			inString = true
			empty = false
		default:
			empty = false
		}
	}
	if empty {
		return 0, true
	}
	return commas + 1, true
}

// Field is a member an object must hold exactly once, with the function that reads its
// value from the decoder.
type Field struct {
	Name string
	Read func() error
}

// ReadObject reads one JSON object from dec: each member named in fields is read by its
// Read, and must appear exactly once; other members are skipped. A repeated or missing
// member, and errors of the JSON itself, wrap sentinel and name what (the object's name);
// Read's errors are returned as they are.
func ReadObject(dec *json.Decoder, sentinel error, what string, fields ...Field) error {
	seen := make([]bool, len(fields))
	err := EachField(dec, sentinel, func(key string) error {
		for i := range fields {
			if fields[i].Name != key {
				continue
			}
			if seen[i] {
				return fmt.Errorf("%w: %s.%s given twice", sentinel, what, key)
			}
			seen[i] = true
			return fields[i].Read()
		}
		return SkipValue(dec, sentinel)
	})
	if err != nil {
		return err
	}
	for i, ok := range seen {
		if !ok {
			return fmt.Errorf("%w: %s without %s", sentinel, what, fields[i].Name)
		}
	}
	return nil
}
