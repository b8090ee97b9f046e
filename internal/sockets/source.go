package sockets

// Source reads the kernel's socket tables. The Linux /proc/net reader and the
// netlink reader both implement it; tests feed fixtures through it.
//
// Each method calls visit once per row, in the kernel's order, and bad once
// per line it could not read (net-tools warns and goes on). The *Socket passed
// to visit may be reused after visit returns. A table the kernel does not have
// yields an error that wraps fs.ErrNotExist (or fs.ErrPermission).
type Source interface {
	LegacySource
	Inet(p Protocol, ipv6 bool, visit func(*Socket), bad func()) error
	Unix(visit func(*UnixSocket), bad func()) error
	SCTPEndpoints(ipv6 bool, visit func(*SCTPEndpoint), bad func()) error
	SCTPAssocs(ipv6 bool, visit func(*SCTPAssoc), bad func()) error
}

// LegacyFamily is an old socket family net-tools still looks for.
type LegacyFamily uint8

const (
	IPX LegacyFamily = iota + 1
	AX25
	X25
	NetROM
	Rose
)

// LegacySource reports whether the kernel has a legacy family's table: nil
// when it does, an error wrapping fs.ErrNotExist when it does not.
type LegacySource interface {
	Legacy(f LegacyFamily) error
}
