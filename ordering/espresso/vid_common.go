package espresso

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/interopkit/interop/internal/jsontok"
)

// DecodeVidCommonJSON reads the AVID-M parameter (and the scheme) a namespace proof is
// verified with, from
// the query service's /availability/vid/common/:height answer (VidCommonQueryData, whose
// "common" member is read; height, block_hash and payload_hash are skipped: the payload
// commitment is taken from the verified header, never from this answer) or from a bare
// VidCommon: {"V1": {"recovery_threshold": k, "total_weights": n}} (AVID-M) or
// {"V2": {"param": {…same…}, "ns_commits": …, "ns_lens": …}} (GF(2^16) AVID-M, whose
// other members are skipped). NewAvidMParam's bounds apply (ErrVIDParam); V0 (ADVZ) is
// ErrVIDUnsupported, anything malformed ErrVIDEncoding. Espresso's own nodes
// keep only total_weights and re-derive the threshold (InitAvidMParam); a served threshold
// that is wrong can only make honest proofs fail, never a forged one pass, since the
// header's commitment was computed with the true parameter. Bound: O(len(b)).
func DecodeVidCommonJSON(b []byte) (AvidMParam, VIDScheme, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return AvidMParam{}, 0, fmt.Errorf("%w: VID common: %v", ErrVIDEncoding, err)
	}
	if _, ok := probe["common"]; ok {
		var common json.RawMessage
		dec := json.NewDecoder(bytes.NewReader(b))
		err := jsontok.ReadObject(dec, ErrVIDEncoding, "VidCommonQueryData",
			jsontok.Field{Name: "common", Read: func() error { return dec.Decode(&common) }})
		if err != nil {
			return AvidMParam{}, 0, err
		}
		b = common
	}
	var p AvidMParam
	scheme := VIDSchemeAvidM
	dec := json.NewDecoder(bytes.NewReader(b))
	variants := 0
	err := jsontok.EachField(dec, ErrVIDEncoding, func(key string) error {
		if variants++; variants > 1 {
			return fmt.Errorf("%w: VidCommon with more than one variant", ErrVIDEncoding)
		}
		switch key {
		case "V1":
		case "V2":
			scheme = VIDSchemeAvidmGf2
		case "V0":
			return fmt.Errorf("%w: VidCommon %s", ErrVIDUnsupported, key)
		default:
			return fmt.Errorf("%w: VidCommon variant %.32q", ErrVIDEncoding, key)
		}
		var k, n uint64
		num := func(dst *uint64, what string) func() error {
			return func() error {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return fmt.Errorf("%w: %s: %v", ErrVIDEncoding, what, err)
				}
				v, err := vidParseUint(string(raw), MaxAvidMTotalWeights)
				if err != nil {
					return fmt.Errorf("%w: %s %.24s", ErrVIDParam, what, raw)
				}
				*dst = v
				return nil
			}
		}
		readParam := func() error {
			return jsontok.ReadObject(dec, ErrVIDEncoding, "AvidMParam",
				jsontok.Field{Name: "recovery_threshold", Read: num(&k, "recovery_threshold")},
				jsontok.Field{Name: "total_weights", Read: num(&n, "total_weights")})
		}
		var err error
		if scheme == VIDSchemeAvidmGf2 {
			err = jsontok.ReadObject(dec, ErrVIDEncoding, "NsAvidmGf2Common", jsontok.Field{Name: "param", Read: readParam})
		} else {
			err = readParam()
		}
		if err != nil {
			return err
		}
		p, err = NewAvidMParam(k, n)
		return err
	})
	if err != nil {
		return AvidMParam{}, 0, err
	}
	if variants == 0 {
		return AvidMParam{}, 0, fmt.Errorf("%w: VidCommon without a variant", ErrVIDEncoding)
	}
	if _, err := dec.Token(); err != io.EOF {
		return AvidMParam{}, 0, fmt.Errorf("%w: data after the VID common", ErrVIDEncoding)
	}
	return p, scheme, nil
}
