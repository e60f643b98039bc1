package lightclient

import (
	"fmt"
	"maps"
	"slices"

	"github.com/interopkit/interop"
)

// Verifier decides whether an attestation proves a claim, and says why. Committees
// (Threshold, Weighted), protocol verifiers elsewhere (a Hyperlane multisig ISM) and the
// combinators below (All, Any, RequiredOptional, Route) are Verifiers, so security
// stacks compose: a route whose verifier is "all required DVNs and 2 of 4 optional
// ones", each DVN a committee of its own.
//
// Verify must not retain a or modify it, and must return a Verdict whose Claim is c.
type Verifier interface {
	Verify(c Claim, a *Attestation) Verdict
}

// All accepts when every verifier accepts (an AND of security requirements). All of
// nothing is an invalid stack and rejects.
func All(vs ...Verifier) Verifier { return combinator{kind: "all", vs: vs} }

// Any accepts when at least one verifier accepts (fallbacks, such as a light client or a
// committee). Any of nothing rejects.
func Any(vs ...Verifier) Verifier { return combinator{kind: "any", vs: vs} }

// RequiredOptional is LayerZero's DVN rule (ULN config: requiredDVNs, optionalDVNs,
// optionalDVNThreshold): it accepts when every required verifier accepts and at least k
// of the optional ones do. k above len(optional), a negative k, or a stack that demands
// nothing (no required verifier and k = 0) reject with ErrInvalidCommittee.
func RequiredOptional(required, optional []Verifier, k int) Verifier {
	return requiredOptional{required: required, optional: optional, k: k}
}

type combinator struct {
	kind string
	vs   []Verifier
}

func (cb combinator) Verify(c Claim, a *Attestation) Verdict {
	return verifyTop(cb, fmt.Sprintf("%s of %d", cb.kind, len(cb.vs)), c, a)
}

func (cb combinator) maxSignatures(c Claim) int { return sumBounds(c, cb.vs) }

func (cb combinator) verifyShared(c Claim, a *Attestation, r *recoveries) Verdict {
	name := fmt.Sprintf("%s of %d", cb.kind, len(cb.vs))
	if len(cb.vs) == 0 {
		return Reject(name, c, fmt.Errorf("%w: %s of no verifiers", ErrInvalidCommittee, cb.kind))
	}
	v := Verdict{Verifier: name, Claim: c, Children: make([]Verdict, len(cb.vs))}
	ok := 0
	for i, sub := range cb.vs {
		v.Children[i] = verifyChild(sub, c, a, r)
		if v.Children[i].Accepted {
			ok++
		}
	}
	v.Accepted = ok == len(cb.vs) || cb.kind == "any" && ok > 0
	v.Reason = fmt.Sprintf("%d of %d accepted", ok, len(cb.vs))
	if !v.Accepted {
		v.err = fmt.Errorf("%w: %s: %s", ErrRejected, name, v.Reason)
	}
	return v
}

type requiredOptional struct {
	required, optional []Verifier
	k                  int
}

func (ro requiredOptional) Verify(c Claim, a *Attestation) Verdict {
	return verifyTop(ro, ro.name(), c, a)
}

func (ro requiredOptional) name() string {
	return fmt.Sprintf("%d required + %d of %d optional", len(ro.required), ro.k, len(ro.optional))
}

func (ro requiredOptional) maxSignatures(c Claim) int { return sumBounds(c, ro.required, ro.optional) }

func (ro requiredOptional) verifyShared(c Claim, a *Attestation, r *recoveries) Verdict {
	name := ro.name()
	if ro.k < 0 || ro.k > len(ro.optional) || len(ro.required) == 0 && ro.k == 0 {
		return Reject(name, c, fmt.Errorf("%w: %s", ErrInvalidCommittee, name))
	}
	v := Verdict{Verifier: name, Claim: c, Children: make([]Verdict, 0, len(ro.required)+len(ro.optional))}
	req, opt := 0, 0
	for _, sub := range ro.required {
		cv := verifyChild(sub, c, a, r)
		cv.Verifier = "required: " + cv.Verifier
		if cv.Accepted {
			req++
		}
		v.Children = append(v.Children, cv)
	}
	for _, sub := range ro.optional {
		cv := verifyChild(sub, c, a, r)
		cv.Verifier = "optional: " + cv.Verifier
		if cv.Accepted {
			opt++
		}
		v.Children = append(v.Children, cv)
	}
	v.Accepted = req == len(ro.required) && opt >= ro.k
	v.Reason = fmt.Sprintf("%d of %d required and %d of %d optional accepted, need all and %d", req, len(ro.required), opt, len(ro.optional), ro.k)
	if !v.Accepted {
		v.err = fmt.Errorf("%w: %s", ErrRejected, v.Reason)
	}
	return v
}

// Route returns Hyperlane's domain-routing ISM (DomainRoutingIsm): the verifier for a
// claim is routes[c.Origin], and a claim from any other origin is rejected with
// ErrNoRoute. The map is copied. Because committees sign the origin (Claim.SigningDigest)
// and verdicts name their claim, an attestation gathered for one route is worthless on
// another.
func Route(routes map[interop.ChainID]Verifier) Verifier {
	return router{routes: maps.Clone(routes)}
}

type router struct {
	routes map[interop.ChainID]Verifier
}

func (r router) Verify(c Claim, a *Attestation) Verdict { return verifyTop(r, "route", c, a) }

func (r router) maxSignatures(c Claim) int {
	if sub, ok := r.routes[c.Origin]; ok {
		return boundOf(sub, c)
	}
	return MaxCommitteeSize // rejected without looking at a signature
}

func (r router) verifyShared(c Claim, a *Attestation, rec *recoveries) Verdict {
	sub, ok := r.routes[c.Origin]
	if !ok {
		known := slices.Sorted(maps.Keys(r.routes))
		return Reject("route", c, fmt.Errorf("%w: origin %d (routes: %v)", ErrNoRoute, c.Origin, known))
	}
	cv := verifyChild(sub, c, a, rec)
	v := Verdict{Verifier: fmt.Sprintf("route origin %d", c.Origin), Claim: c, Accepted: cv.Accepted, Children: []Verdict{cv}}
	if v.Accepted {
		v.Reason = "route accepted"
	} else {
		v.Reason = "route rejected"
		v.err = fmt.Errorf("origin %d: %w", c.Origin, cv.Err())
	}
	return v
}

// Pin binds v to one route: claims whose origin or destination differ are rejected with
// ErrWrongDomain before v sees them. Use it around verifiers whose signatures do not
// themselves bind the route.
func Pin(origin, destination interop.ChainID, v Verifier) Verifier {
	return pinned{origin: origin, destination: destination, v: v}
}

type pinned struct {
	origin, destination interop.ChainID
	v                   Verifier
}

func (p pinned) Verify(c Claim, a *Attestation) Verdict {
	return verifyTop(p, fmt.Sprintf("pinned to %d→%d", p.origin, p.destination), c, a)
}

func (p pinned) maxSignatures(c Claim) int {
	if c.Origin != p.origin || c.Destination != p.destination {
		return MaxCommitteeSize // rejected without looking at a signature
	}
	return boundOf(p.v, c)
}

func (p pinned) verifyShared(c Claim, a *Attestation, r *recoveries) Verdict {
	if c.Origin != p.origin || c.Destination != p.destination {
		return Reject(fmt.Sprintf("pinned to %d→%d", p.origin, p.destination), c,
			fmt.Errorf("%w: claim is for %d→%d, verifier for %d→%d", ErrWrongDomain, c.Origin, c.Destination, p.origin, p.destination))
	}
	return verifyChild(p.v, c, a, r)
}

// WithBatch returns v with each attestation's signatures checked on as many goroutines as
// opts allow (interop.Workers; without WithBatch a committee uses GOMAXPROCS). An
// attestation is a committee's batch: Verify has no room for options (it implements
// Verifier), so they wrap the verifier instead, and apply to every committee of the stack
// v, unless a WithBatch further down says otherwise. The verdict is v's, whatever the
// count: only the recoveries and verifications run in parallel, never the counting.
func WithBatch(v Verifier, opts ...interop.BatchOption) Verifier {
	return batched{v: v, workers: interop.Batch(opts...).Workers}
}

type batched struct {
	v       Verifier
	workers int
}

func (b batched) Verify(c Claim, a *Attestation) Verdict {
	sv, ok := b.v.(sharedVerifier)
	if !ok || a == nil || checkAttestation(a, sv.maxSignatures(c)) != nil {
		// Nothing for the workers to do: v's own Verify answers, under its own name (a
		// refused attestation is refused again, in O(signatures), before any recovery).
		return verifyChild(b.v, c, a, nil)
	}
	return sv.verifyShared(c, a, newRecoveries(a, b.workers))
}

func (b batched) maxSignatures(c Claim) int { return boundOf(b.v, c) }

func (b batched) verifyShared(c Claim, a *Attestation, r *recoveries) Verdict {
	if r != nil {
		// Verification of one attestation runs on one goroutine (the workers come and go
		// inside prefetch), so the count can be swapped for v's subtree.
		defer func(w int) { r.workers = w }(r.workers)
		r.workers = b.workers
	}
	return verifyChild(b.v, c, a, r)
}
