package kzg

import (
	"fmt"
	"strconv"
)

func cellList(v any) ([]Cell, error) {
	l := list(v)
	cells := make([]Cell, len(l))
	for i := range l {
		if err := fixedHex(l[i], cells[i][:]); err != nil {
			return nil, err
		}
	}
	return cells, nil
}

func indexList(v any) ([]uint64, error) {
	l := list(v)
	out := make([]uint64, len(l))
	for i, x := range l {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("cell index %v", x)
		}
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: cell index %q", errBadLength, s)
		}
		out[i] = n
	}
	return out, nil
}

func cellsOutput(cells *[CellsPerExtBlob]Cell) []any {
	out := make([]any, len(cells))
	for i := range cells {
		out[i] = hexOf(cells[i][:])
	}
	return out
}

func proofsOutput(ps *[CellsPerExtBlob]Proof) []any {
	out := make([]any, len(ps))
	for i := range ps {
		out[i] = hexOf(ps[i][:])
	}
	return out
}

func init() {
	kzgHandlers["compute_cells"] = func(in map[string]any) (any, error) {
		blob := new(Blob)
		if err := fixedHex(in["blob"], blob[:]); err != nil {
			return nil, err
		}
		cells, err := ComputeCells(blob)
		if err != nil {
			return nil, err
		}
		return cellsOutput(cells), nil
	}
	kzgHandlers["compute_cells_and_kzg_proofs"] = func(in map[string]any) (any, error) {
		blob := new(Blob)
		if err := fixedHex(in["blob"], blob[:]); err != nil {
			return nil, err
		}
		cells, ps, err := ComputeCellsAndKZGProofs(blob)
		if err != nil {
			return nil, err
		}
		return []any{cellsOutput(cells), proofsOutput(ps)}, nil
	}
	kzgHandlers["recover_cells_and_kzg_proofs"] = func(in map[string]any) (any, error) {
		idx, err := indexList(in["cell_indices"])
		if err != nil {
			return nil, err
		}
		cells, err := cellList(in["cells"])
		if err != nil {
			return nil, err
		}
		rc, rp, err := RecoverCellsAndKZGProofs(idx, cells)
		if err != nil {
			return nil, err
		}
		return []any{cellsOutput(rc), proofsOutput(rp)}, nil
	}
	kzgHandlers["verify_cell_kzg_proof_batch"] = func(in map[string]any) (any, error) {
		idx, err := indexList(in["cell_indices"])
		if err != nil {
			return nil, err
		}
		cells, err := cellList(in["cells"])
		if err != nil {
			return nil, err
		}
		cl, pl := list(in["commitments"]), list(in["proofs"])
		cs := make([]Commitment, len(cl))
		ps := make([]Proof, len(pl))
		for i := range cl {
			if err := fixedHex(cl[i], cs[i][:]); err != nil {
				return nil, err
			}
		}
		for i := range pl {
			if err := fixedHex(pl[i], ps[i][:]); err != nil {
				return nil, err
			}
		}
		return verdict(VerifyCellKZGProofBatch(cs, idx, cells, ps))
	}
}
