package owners

import "testing"

func TestFirstOwnerWins(t *testing.T) {
	ix := NewIndex()
	ix.Add(42, Owner{PID: 10, Program: "first"})
	ix.Add(42, Owner{PID: 5, Program: "second"})
	ix.Add(43, Owner{PID: 5, Program: "second"})
	if o, ok := ix.Lookup(42); !ok || o.PID != 10 || o.Program != "first" {
		t.Errorf("Lookup(42) = %+v, %v", o, ok)
	}
	if ix.Len() != 2 {
		t.Errorf("Len = %d", ix.Len())
	}
	if _, ok := ix.Lookup(0); ok {
		t.Error("inode 0 must have no owner")
	}
	var none *Index
	if _, ok := none.Lookup(42); ok {
		t.Error("a nil index has no owners")
	}
}
