package netns

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseContainer(t *testing.T) {
	tests := []struct {
		file    string
		want    Container
		present bool
	}{
		{"docker_systemd", Container{"docker", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}, true},
		{"docker_cgroupfs", Container{"docker", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}, true},
		{"kube_containerd", Container{"containerd", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"}, true},
		{"kube_crio", Container{"cri-o", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, true},
		{"kube_cgroupfs", Container{"kubernetes", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}, true},
		{"podman_rootless", Container{"podman", "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}, true},
		{"lxc_v2", Container{"lxc", "web01"}, true},
		{"lxc_v1", Container{"lxc", "db-main"}, true},
		{"nspawn", Container{"machine", "fedora-build"}, true},
		{"podman_conmon", Container{}, false},
		{"none_session", Container{}, false},
		{"none_short_hex", Container{}, false},
		{"malformed", Container{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "cgroup", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, ok := ParseContainer(f)
			if got != tt.want || ok != tt.present {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tt.want, tt.present)
			}
		})
	}
}

func TestContainerShort(t *testing.T) {
	c := Container{"docker", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
	if got := c.Short(); got != "0123456789ab" {
		t.Errorf("Short of a hex id = %q", got)
	}
	if got := (Container{"lxc", "web01"}).Short(); got != "web01" {
		t.Errorf("Short of a name = %q", got)
	}
}
