// Reads a JSON array of schematic texts on stdin; prints a JSON array of {yaml, error} as Image Factory computes.
package main

import (
	"bytes"
	"encoding/json"
	"os"

	"gopkg.in/yaml.v3"
)

type Schematic struct {
	Owner         string        `yaml:"owner,omitempty"`
	Overlay       Overlay       `yaml:"overlay,omitempty"`
	Customization Customization `yaml:"customization"`
}

type Customization struct {
	EmbeddedMachineConfiguration string           `yaml:"embeddedMachineConfiguration,omitempty"`
	ExtraKernelArgs              []string         `yaml:"extraKernelArgs,omitempty"`
	Meta                         []MetaValue      `yaml:"meta,omitempty"`
	SystemExtensions             SystemExtensions `yaml:"systemExtensions,omitempty"`
	Bootloader                   string           `yaml:"bootloader,omitempty"`
	SecureBoot                   SecureBoot       `yaml:"secureboot,omitempty"`
	DiskImage                    DiskImage        `yaml:"diskImage,omitempty"`
}

type MetaValue struct {
	Key   uint8  `yaml:"key"`
	Value string `yaml:"value"`
}

type SystemExtensions struct {
	OfficialExtensions []string `yaml:"officialExtensions,omitempty"`
}

type Overlay struct {
	Image   string         `yaml:"image"`
	Name    string         `yaml:"name"`
	Options map[string]any `yaml:"options,omitempty"`
}

type SecureBoot struct {
	EnrollKeys                   string `yaml:"enrollKeys,omitempty"`
	IncludeWellKnownCertificates bool   `yaml:"includeWellKnownCertificates,omitempty"`
}

type DiskImage struct {
	SectorSize uint `yaml:"sectorSize,omitempty"`
}

type result struct {
	YAML  string `json:"yaml"`
	Error string `json:"error,omitempty"`
}

func main() {
	var inputs []string
	if err := json.NewDecoder(os.Stdin).Decode(&inputs); err != nil {
		panic(err)
	}
	out := []result{}
	for _, in := range inputs {
		dec := yaml.NewDecoder(bytes.NewReader([]byte(in)))
		dec.KnownFields(true)
		var s Schematic
		if err := dec.Decode(&s); err != nil {
			out = append(out, result{Error: err.Error()})
			continue
		}
		b, err := yaml.Marshal(&s)
		if err != nil {
			out = append(out, result{Error: err.Error()})
			continue
		}
		out = append(out, result{YAML: string(b)})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.Encode(out)
}
