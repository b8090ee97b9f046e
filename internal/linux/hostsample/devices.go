package hostsample

import (
	"os"
	"path/filepath"

	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/linux/procnet"
)

// readDevices reads the interface counters of ROOT/net/dev.
func (s *Sampler) readDevices() ([]links.Device, error) {
	f, err := os.Open(filepath.Join(s.root, "net", "dev"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var devs []links.Device
	err = procnet.ParseDev(f, func(l *procnet.DevLine) {
		d := links.Device{Name: l.Name}
		l.Apply(&d.Stats)
		devs = append(devs, d)
	})
	return devs, err
}
