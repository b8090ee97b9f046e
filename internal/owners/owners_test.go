package owners

import (
	"reflect"
	"testing"
)

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
	if got := none.Owners(nil, 42); len(got) != 0 {
		t.Errorf("a nil index lists owners %v", got)
	}
}

func TestAllOwnersInOrder(t *testing.T) {
	ix := NewIndex()
	// Process 10 holds inode 7 twice (dup), then 11 and 12 share it, and
	// 10 appears again after 11 (a different process in between counts).
	adds := []struct {
		inode uint64
		o     Owner
	}{
		{7, Owner{10, "nginx"}},
		{7, Owner{10, "nginx"}},
		{8, Owner{10, "nginx"}},
		{7, Owner{11, "nginx"}},
		{7, Owner{11, "nginx"}},
		{7, Owner{12, "worker"}},
		{9, Owner{12, "worker"}},
	}
	for _, a := range adds {
		ix.Add(a.inode, a.o)
	}
	want := []Owner{{10, "nginx"}, {11, "nginx"}, {12, "worker"}}
	if got := ix.Owners(nil, 7); !reflect.DeepEqual(got, want) {
		t.Errorf("Owners(7) = %v, want %v", got, want)
	}
	if got := ix.Owners(nil, 8); !reflect.DeepEqual(got, []Owner{{10, "nginx"}}) {
		t.Errorf("Owners(8) = %v", got)
	}
	if got := ix.Owners([]Owner{{1, "x"}}, 99); !reflect.DeepEqual(got, []Owner{{1, "x"}}) {
		t.Errorf("Owners(99) changed dst: %v", got)
	}
	if o, _ := ix.Lookup(7); o.PID != 10 {
		t.Errorf("Lookup(7) = %v, want the first owner", o)
	}
	if ix.Len() != 3 {
		t.Errorf("Len = %d, want 3", ix.Len())
	}
}

func TestNoSecondMapWithoutSharing(t *testing.T) {
	ix := NewIndexSize(3)
	for i := uint64(1); i <= 3; i++ {
		ix.Add(i, Owner{PID: int(i)})
		ix.Add(i, Owner{PID: int(i)}) // the same process again
	}
	if ix.more != nil {
		t.Errorf("unshared sockets made the shared-owner map: %v", ix.more)
	}
}

// BenchmarkAddUnshared is the -p path: one owner per socket.
func BenchmarkAddUnshared(b *testing.B) {
	for b.Loop() {
		ix := NewIndexSize(20000)
		for i := uint64(1); i <= 20000; i++ {
			ix.Add(i, Owner{PID: int(i / 100), Program: "farm"})
		}
	}
}
