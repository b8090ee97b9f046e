// Package owners maps socket inodes to the processes that hold them.
package owners

// Owner is a process that holds a socket.
type Owner struct {
	PID int
	// Program is argv[0] as net-tools shows it: the part after the last '/'
	// when argv[0] starts with '/', otherwise argv[0] unchanged.
	Program string
}

// Index maps socket inodes to their owners, in /proc order. The first
// owner is what net-tools shows (-p) and stays in a map of its own, so
// that path costs one map entry per socket; the further owners of a
// shared socket (a forked server's listener, socket activation) are kept
// apart, in a map made only when some socket has a second owner.
type Index struct {
	byInode map[uint64]Owner
	// more holds the second and later owners of shared sockets.
	more map[uint64][]Owner
	// Denied is set when some process's fd directory could not be read
	// (EACCES): its sockets are missing from the index.
	Denied bool
	// Unreadable is set when /proc itself could not be listed.
	Unreadable bool
}

// NewIndex returns an empty index.
func NewIndex() *Index { return NewIndexSize(0) }

// NewIndexSize returns an empty index with room for n inodes, so that
// adding that many does not grow the map step by step.
func NewIndexSize(n int) *Index { return &Index{byInode: make(map[uint64]Owner, n)} }

// Add records o as an owner of inode. The first owner added is the one
// Lookup returns, as in net-tools; later ones are kept for Owners, except
// that a process already recorded last for the inode (one process holding
// the socket through several descriptors) is not repeated.
func (ix *Index) Add(inode uint64, o Owner) {
	first, ok := ix.byInode[inode]
	if !ok {
		ix.byInode[inode] = o
		return
	}
	rest := ix.more[inode]
	last := first
	if len(rest) > 0 {
		last = rest[len(rest)-1]
	}
	if last.PID == o.PID {
		return
	}
	if ix.more == nil {
		ix.more = make(map[uint64][]Owner)
	}
	ix.more[inode] = append(rest, o)
}

// Lookup returns the first owner of inode.
func (ix *Index) Lookup(inode uint64) (Owner, bool) {
	if ix == nil || inode == 0 {
		return Owner{}, false
	}
	o, ok := ix.byInode[inode]
	return o, ok
}

// Owners appends every owner of inode to dst, the first owner first, and
// returns the extended slice (dst unchanged when the inode has none).
func (ix *Index) Owners(dst []Owner, inode uint64) []Owner {
	first, ok := ix.Lookup(inode)
	if !ok {
		return dst
	}
	dst = append(dst, first)
	return append(dst, ix.more[inode]...)
}

// Len returns the number of inodes with an owner.
func (ix *Index) Len() int { return len(ix.byInode) }
