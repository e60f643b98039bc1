package interop

import (
	"fmt"
	"strconv"
)

// Format implements fmt.Formatter so that every verb prints the hash's bytes, never the
// bytes of its text: %v, %s print "0x…" (as String), %x and %X the hex digits (%#x adds
// 0x), %q the quoted text form, %d the bytes in decimal, %#v a Go literal. Width and the
// other flags apply as they do for a byte slice.
func (h Hash) Format(s fmt.State, verb rune) { formatBytes(s, verb, h[:], "interop.Hash") }

// Format implements fmt.Formatter with the verbs of Hash.Format.
func (a Address) Format(s fmt.State, verb rune) { formatBytes(s, verb, a[:], "interop.Address") }

// Format implements fmt.Formatter with the verbs of Hash.Format; a nil or empty Bytes prints
// "0x" under %v and %s, and nothing under %x.
func (b Bytes) Format(s fmt.State, verb rune) { formatBytes(s, verb, b, "interop.Bytes") }

// formatBytes prints b for one fmt verb. The text form goes through %s (or %q) so that width
// and '-' apply to it; hex and decimal go through fmt's own byte-slice printing, so its flags
// (' ', '#', precision) keep their meaning. It never formats the receiver's own type, which
// would recurse into Format.
func formatBytes(s fmt.State, verb rune, b []byte, typeName string) {
	switch verb {
	case 'v':
		if s.Flag('#') {
			lit := make([]byte, 0, len(typeName)+2+6*len(b))
			lit = append(lit, typeName...)
			lit = append(lit, '{')
			for i, c := range b {
				if i > 0 {
					lit = append(lit, ", "...)
				}
				lit = append(lit, '0', 'x')
				lit = strconv.AppendUint(lit, uint64(c), 16)
			}
			lit = append(lit, '}')
			_, _ = s.Write(lit)
			return
		}
		fmt.Fprintf(s, fmt.FormatString(s, 's'), string(appendHex(nil, b)))
	case 's', 'q':
		fmt.Fprintf(s, fmt.FormatString(s, verb), string(appendHex(nil, b)))
	case 'x', 'X':
		fmt.Fprintf(s, fmt.FormatString(s, verb), b)
	default:
		// %d, %o, %c and the rest print the bytes as fmt prints a byte slice.
		fmt.Fprintf(s, fmt.FormatString(s, verb), b)
	}
}
