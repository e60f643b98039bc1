package tendermint

// CometBFT's stateless checks (ValidateBasic) on headers, commits and signed headers.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
)

// Limits of CometBFT's stateless checks (types/block.go, version/version.go).
const (
	// BlockProtocol is the block version CometBFT headers carry (version.BlockProtocol).
	BlockProtocol = 11
	// MaxChainIDLen is the longest chain id a header may carry.
	MaxChainIDLen = 50
	hashSize      = sha256.Size
	addressSize   = 20
	maxSigSize    = ed25519.SignatureSize
)

// validateHash is CometBFT's ValidateHash: empty or 32 bytes.
func validateHash(name string, h []byte) error {
	if len(h) != 0 && len(h) != hashSize {
		return fmt.Errorf("%s of %d bytes", name, len(h))
	}
	return nil
}

func (id *BlockID) validateBasic(name string) error {
	if err := validateHash(name+" hash", id.Hash); err != nil {
		return err
	}
	return validateHash(name+" part-set hash", id.PartSetHeader.Hash)
}

func (id *BlockID) isZero() bool {
	return len(id.Hash) == 0 && id.PartSetHeader.Total == 0 && len(id.PartSetHeader.Hash) == 0
}

// ValidateBasic is Header.ValidateBasic, CometBFT's stateless header checks: block
// protocol 11, a chain id of at most 50 bytes, a positive height, 32-byte (or empty)
// hashes except the app hash, which may have any length, and a 20-byte proposer address.
// Errors wrap ErrInvalidHeader.
func (h *Header) ValidateBasic() error {
	err := func() error {
		switch {
		case h.Version.Block != BlockProtocol:
			return fmt.Errorf("block protocol %d, want %d", h.Version.Block, BlockProtocol)
		case len(h.ChainID) > MaxChainIDLen:
			return fmt.Errorf("chain id of %d bytes (max %d)", len(h.ChainID), MaxChainIDLen)
		case h.Height <= 0:
			return fmt.Errorf("height %d", h.Height)
		case len(h.ProposerAddress) != addressSize:
			return fmt.Errorf("proposer address of %d bytes", len(h.ProposerAddress))
		}
		if err := h.LastBlockID.validateBasic("last block id"); err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			h    []byte
		}{
			{"last commit hash", h.LastCommitHash}, {"data hash", h.DataHash}, {"evidence hash", h.EvidenceHash},
			{"validators hash", h.ValidatorsHash}, {"next validators hash", h.NextValidatorsHash},
			{"consensus hash", h.ConsensusHash}, {"last results hash", h.LastResultsHash},
		} {
			if err := validateHash(f.name, f.h); err != nil {
				return err
			}
		}
		return nil
	}()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidHeader, err)
	}
	return nil
}

// ValidateBasic is Commit.ValidateBasic: a non-negative height and round and, from height
// 1, a non-zero block id and at least one signature, each well formed for its flag (an
// absent entry carries no address, time or signature; the others a 20-byte address and a
// signature of 1 to 64 bytes). Errors wrap ErrInvalidCommit.
func (c *Commit) ValidateBasic() error {
	err := func() error {
		if c.Height < 0 || c.Round < 0 {
			return fmt.Errorf("height %d, round %d", c.Height, c.Round)
		}
		if c.Height == 0 {
			return nil
		}
		if c.BlockID.isZero() {
			return errors.New("commit for a nil block")
		}
		if err := c.BlockID.validateBasic("block id"); err != nil {
			return err
		}
		if len(c.Signatures) == 0 {
			return errors.New("no signatures")
		}
		for i := range c.Signatures {
			s := &c.Signatures[i]
			switch s.BlockIDFlag {
			case FlagAbsent:
				if len(s.ValidatorAddress) != 0 || !s.Timestamp.IsZero() || len(s.Signature) != 0 {
					return fmt.Errorf("absent signature %d carries data", i)
				}
			case FlagCommit, FlagNil:
				if len(s.ValidatorAddress) != addressSize {
					return fmt.Errorf("signature %d: address of %d bytes", i, len(s.ValidatorAddress))
				}
				if len(s.Signature) == 0 || len(s.Signature) > maxSigSize {
					return fmt.Errorf("signature %d of %d bytes", i, len(s.Signature))
				}
			default:
				return fmt.Errorf("signature %d: block id flag %d", i, s.BlockIDFlag)
			}
		}
		return nil
	}()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidCommit, err)
	}
	return nil
}

// ValidateBasic is SignedHeader.ValidateBasic: the header and commit pass their own
// checks, the header is of chainID, and the commit is for this header's height and hash.
func (sh *SignedHeader) ValidateBasic(chainID string) error {
	if err := sh.Header.ValidateBasic(); err != nil {
		return err
	}
	if err := sh.Commit.ValidateBasic(); err != nil {
		return err
	}
	if sh.Header.ChainID != chainID {
		return fmt.Errorf("%w: chain %q, want %q", ErrInvalidHeader, sh.Header.ChainID, chainID)
	}
	if sh.Commit.Height != sh.Header.Height {
		return fmt.Errorf("%w: commit height %d, header %d", ErrInvalidCommit, sh.Commit.Height, sh.Header.Height)
	}
	if hash := sh.Header.Hash(); !bytes.Equal(sh.Commit.BlockID.Hash, hash) {
		return fmt.Errorf("%w: commit for %X, header is %X", ErrInvalidCommit, sh.Commit.BlockID.Hash, hash)
	}
	return nil
}
