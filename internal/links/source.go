package links

import "errors"

// ErrNoDevice is matched (with errors.Is) by a Fetch error that means the
// interface does not exist (ENODEV); net-tools words it "Device not found".
var ErrNoDevice = errors.New("no such device")

// Source reads the kernel's view of the interfaces for one pass of the table.
//
// Errors are written the C way: if an error has a method CText() string, that
// text (glibc's strerror wording) is printed, else its Error text.
type Source interface {
	// Devices returns the interfaces of /proc/net/dev in file order, one
	// entry per name (a repeated name updates the counters of the first).
	// If the file cannot be opened the error is an *fs.PathError with Op
	// "open"; any other error (a read failure) comes with the rows read.
	Devices() ([]Device, error)
	// AddressNames returns the names SIOCGIFCONF lists: one per IPv4
	// address, address labels such as "eth0:1" included.
	AddressNames() ([]string, error)
	// Fetch fills ifc (whose Name is set) with the interface's
	// configuration from the ioctls. It fails only when SIOCGIFFLAGS does.
	Fetch(ifc *Interface) error
	// IPv6Addresses returns the entries of /proc/net/if_inet6 in file
	// order; a kernel without IPv6 has none.
	IPv6Addresses() []IPv6Address
}
