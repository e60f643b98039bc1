package bn254

import (
	"errors"
	"fmt"

	"github.com/interopkit/interop/internal/taggedb64"
)

// Tags of jellyfish's tagged-base64 forms (signature/src/constants.rs).
const (
	TagPublicKey = "BLS_VER_KEY"
	TagSignature = "BLS_SIG"
)

// maxTagged bounds a tagged-base64 string before it is decoded: the longest form here is an
// uncompressed key, 11 + 1 + 172 characters.
const maxTagged = 200

// parseTagged decodes "tag~base64(value ‖ checksum)" (internal/taggedb64) into buf and
// returns the value. It refuses a string longer than maxTagged, a malformed string
// (ErrTaggedBase64), another tag than want (ErrTag), a value longer than buf
// (ErrInvalidLength) and a checksum mismatch (ErrChecksum).
func parseTagged(s, want string, buf []byte) ([]byte, error) {
	if len(s) > maxTagged {
		return nil, fmt.Errorf("%w: %d characters, at most %d", ErrTaggedBase64, len(s), maxTagged)
	}
	tag, text, err := taggedb64.Split(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTaggedBase64, err)
	}
	if tag != want {
		return nil, fmt.Errorf("%w: tag %q, want %q", ErrTag, tag, want)
	}
	if taggedb64.DecodedLen(len(text)) > len(buf) {
		return nil, fmt.Errorf("%w: %d base64 characters", ErrInvalidLength, len(text))
	}
	v, err := taggedb64.Decode(tag, text, buf)
	switch {
	case errors.Is(err, taggedb64.ErrChecksum):
		return nil, fmt.Errorf("%w: %v", ErrChecksum, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrTaggedBase64, err)
	}
	return v, nil
}

// formatTagged is the inverse of parseTagged.
func formatTagged(tag string, value []byte) string { return taggedb64.Format(tag, value) }
