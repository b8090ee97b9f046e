// Package owners maps socket inodes to the processes that hold them.
package owners

// Owner is a process that holds a socket.
type Owner struct {
	PID int
	// Program is argv[0] as net-tools shows it: the part after the last '/'
	// when argv[0] starts with '/', otherwise argv[0] unchanged.
	Program string
}

// Index maps socket inodes to their first owner, in /proc order.
type Index struct {
	byInode map[uint64]Owner
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

// Add records o as the owner of inode unless the inode already has one:
// the first owner found wins, as in net-tools.
func (ix *Index) Add(inode uint64, o Owner) {
	if _, ok := ix.byInode[inode]; !ok {
		ix.byInode[inode] = o
	}
}

// Lookup returns the owner of inode.
func (ix *Index) Lookup(inode uint64) (Owner, bool) {
	if ix == nil || inode == 0 {
		return Owner{}, false
	}
	o, ok := ix.byInode[inode]
	return o, ok
}

// Len returns the number of inodes with an owner.
func (ix *Index) Len() int { return len(ix.byInode) }
