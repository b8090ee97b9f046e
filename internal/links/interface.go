package links

import "net/netip"

// Interface flags, the 16 bits of ifr_flags that net-tools shows.
const (
	FlagUp         uint16 = 0x1
	FlagBroadcast  uint16 = 0x2
	FlagDebug      uint16 = 0x4
	FlagLoopback   uint16 = 0x8
	FlagPointToPt  uint16 = 0x10
	FlagNoTrailers uint16 = 0x20
	FlagRunning    uint16 = 0x40
	FlagNoARP      uint16 = 0x80
	FlagPromisc    uint16 = 0x100
	FlagAllMulti   uint16 = 0x200
	FlagMaster     uint16 = 0x400
	FlagSlave      uint16 = 0x800
	FlagMulticast  uint16 = 0x1000
	FlagPortSel    uint16 = 0x2000
	FlagAutoMedia  uint16 = 0x4000
	FlagDynamic    uint16 = 0x8000
)

// Stats are the counters of one /proc/net/dev line.
type Stats struct {
	RxBytes, RxPackets, RxErrors, RxDropped uint64
	RxFIFO, RxFrame, RxCompressed           uint64
	RxMulticast                             uint64
	TxBytes, TxPackets, TxErrors, TxDropped uint64
	TxFIFO, Collisions, TxCarrier           uint64
	TxCompressed                            uint64
}

// Device is one interface named by /proc/net/dev, with its counters.
type Device struct {
	Name  string
	Stats Stats
}

// Map is the device map of SIOCGIFMAP (struct ifmap).
type Map struct {
	MemStart, MemEnd uint64
	BaseAddr         uint16
	IRQ, DMA, Port   uint8
}

// Interface is what net-tools knows about one entry of its interface list.
type Interface struct {
	Name string
	// Flags is ifr_flags (SIOCGIFFLAGS).
	Flags uint16
	// Type is the ARPHRD_* hardware type, sa_family of SIOCGIFHWADDR.
	Type uint16
	// HWAddr is the start of the hardware address (sa_data); net-tools keeps
	// only its first 8 bytes.
	HWAddr []byte
	// MTU is 0 when SIOCGIFMTU failed; Metric 0 when SIOCGIFMETRIC did.
	MTU, Metric int32
	// TxQueueLen is -1 when SIOCGIFTXQLEN failed.
	TxQueueLen int32
	Map        Map
	// Outfill and Keepalive are the SLIP timers (zero for other types).
	Outfill, Keepalive int32

	// HasIPv4 is set when SIOCGIFADDR succeeded. The other addresses are
	// invalid (the zero netip.Addr) when their ioctl failed.
	HasIPv4                               bool
	Addr, Netmask, Broadcast, Destination netip.Addr

	// IPv6 holds the /proc/net/if_inet6 entries for this exact name.
	IPv6 []IPv6Address

	// HasStats is set for names read from /proc/net/dev.
	HasStats bool
	Stats    Stats
}

// IPv6Address is one entry of /proc/net/if_inet6 as net-tools reads it.
type IPv6Address struct {
	// Device is the interface name the entry belongs to.
	Device string
	// Addr is invalid when the entry's address text was not an address.
	// net-tools then prints the address of the previous entry of the same
	// interface (its variable is left as it was); for the first one it
	// prints stack garbage, here "[NONE SET]".
	Addr      netip.Addr
	IfIndex   uint32
	PrefixLen int32
	Scope     uint32
	Flags     uint32
}
