package routes

// Source reads the kernel's routing tables. A table that cannot be opened
// yields the open error (an *fs.PathError, so errors.Is works with
// fs.ErrNotExist); read errors after that end the table quietly, as fgets
// does in net-tools.
type Source interface {
	// FIB4 returns the IPv4 FIB rows that netstat prints (RTF_UP set,
	// enough fields), in file order, or a *MissingFieldError or ErrNoHeader
	// when the header is unusable.
	FIB4() ([]Route, error)
	// Cache4 returns the IPv4 routing cache. It returns ErrNoHeader for an
	// empty file and a *MissingFieldError, with the layout filled in, for a
	// header without the columns of its layout.
	Cache4() (Cache, error)
	// FIB6 returns every row of the IPv6 routing table, cache entries
	// included, in file order.
	FIB6() ([]Route6, error)
	// Table reports whether /proc/net/NAME can be opened: nil, or the open
	// error. It serves the legacy families and the IPv6 neighbour cache.
	Table(name string) error
}
