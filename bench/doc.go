// Package bench compares interop with the libraries it must beat (go-ethereum, blst, ...) on
// the same inputs. It is a separate module so that the main module's dependency list stays
// lean; nothing here is imported by the library.
package bench
