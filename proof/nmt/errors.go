package nmt

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrNamespaceSize is returned for a namespace size outside [1, MaxNamespaceSize], and
	// for a namespace, leaf, node or root whose length does not match the tree's size.
	ErrNamespaceSize = errors.New("nmt: wrong namespace size")
	// ErrUnsorted is returned when leaves are pushed out of namespace order, or when two
	// sibling nodes overlap (left max above right min).
	ErrUnsorted = errors.New("nmt: namespaces not sorted")
	// ErrInvalidNode is returned for a node that is not min ‖ max ‖ digest of the tree's
	// node size, or whose min namespace is above its max.
	ErrInvalidNode = errors.New("nmt: invalid node")
	// ErrInvalidRange is returned for a proof range that is negative, reversed, past the
	// tree, or longer than MaxLeaves.
	ErrInvalidRange = errors.New("nmt: invalid range")
	// ErrInvalidProof is returned when a proof is malformed or does not lead to the root.
	ErrInvalidProof = errors.New("nmt: invalid proof")
	// ErrIncomplete is returned when a namespace proof does not show that every leaf of the
	// namespace is in the range: a left node reaching the namespace, a right node starting
	// at or below it, or left nodes that run out before the range start (GHSA-r9fq-g486-v8pg).
	ErrIncomplete = errors.New("nmt: namespace proof incomplete")
	// ErrWrongNamespace is returned when a leaf handed to a namespace verifier carries
	// another namespace.
	ErrWrongNamespace = errors.New("nmt: leaf outside the namespace")
	// ErrInvalidEncoding is returned by the decoders (DecodeProof, DecodeProtoProof,
	// DecodeShareProof, DecodeRowProof, DecodeMerkleProof and the JSON forms) for bytes that
	// are not a canonical encoding.
	ErrInvalidEncoding = errors.New("nmt: invalid proof encoding")
	// ErrMissingNamespacePrefix is returned beside ErrInvalidProof when leaves handed to
	// VerifyNamespace or VerifyRange do not lead to the root but would with their namespace
	// prefixed once more: Celestia hashes a share as namespace ‖ share (the share already
	// begins with its namespace), so a raw share is not a leaf. Prefix the namespace, or
	// use VerifyNamespaceData, or ShareProof.Verify.
	ErrMissingNamespacePrefix = errors.New("nmt: leaf lacks its namespace prefix (a Celestia share is hashed as namespace ‖ share)")
	// ErrDataRoot is returned beside the cause when a row root of a RowProof or ShareProof
	// is not under the block's data root.
	ErrDataRoot = errors.New("nmt: row root not under the data root")
	// ErrDataRootTuple is returned beside the cause when a Blobstream data root tuple is
	// not under the data root tuple root.
	ErrDataRootTuple = errors.New("nmt: data root tuple not under the tuple root")
	// ErrTooLarge is returned when a tree or proof would exceed MaxLeaves or MaxProofNodes.
	ErrTooLarge = errors.New("nmt: too large")
)
