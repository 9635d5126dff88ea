package org.udre.connectors.libvirt;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.xml.XMLConstants;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Renders a {@link DomainSpec} as libvirt domain XML, and reads back the UDRE metadata libvirt returns.
 *
 * <p>Each part of the domain has a method of its own. Devices are virtio where the guest kernel has a driver for
 * them (disk, network card, the seed's SCSI controller); the console is the emulated 16550 serial port, because its
 * driver is built into every kernel and so shows the boot from its first line, before any module is loaded.
 */
final class DomainXml {

    /** Namespace of the UDRE element inside a domain's {@code <metadata>}; libvirt keys metadata by this URI. */
    static final String METADATA_NAMESPACE = "urn:udre:domain-metadata:1";
    static final String METADATA_PREFIX = "udre";

    private DomainXml() {
    }

    /** For a spec without direct boot: it names no volume that needs a host path. */
    static String render(DomainSpec spec) {
        return render(spec, volume -> {
            throw new IllegalStateException("domain '" + spec.name() + "' boots volume '" + volume
                    + "' directly: render it with the volumes' paths");
        });
    }

    /**
     * @param volumePath the host path of a volume of {@code spec.pool()}: libvirt takes kernel and initramfs as
     *                   paths only, unlike disks
     */
    static String render(DomainSpec spec, UnaryOperator<String> volumePath) {
        Document document = XmlDocuments.newDocument();
        Element domain = document.createElement("domain");
        domain.setAttribute("type", spec.type());
        document.appendChild(domain);

        XmlDocuments.child(domain, "name", spec.name());
        metadata(domain, spec.metadata());
        XmlDocuments.child(domain, "memory", Long.toString(spec.memoryMiB())).setAttribute("unit", "MiB");
        XmlDocuments.child(domain, "vcpu", Integer.toString(spec.cores()));
        os(domain, spec.directBoot(), volumePath);
        features(domain);
        XmlDocuments.child(domain, "clock", null).setAttribute("offset", "utc");
        lifecycle(domain);
        Element devices = XmlDocuments.child(domain, "devices", null);
        disk(devices, spec);
        if (spec.seedVolume() != null) {
            seed(devices, spec.pool(), spec.seedVolume());
        }
        if (spec.network() != null) {
            nic(devices, spec.network());
        }
        if (spec.consoleLog() != null) {
            serialConsole(devices, spec.consoleLog().toString());
        }
        leaveOutUnusedDevices(devices);
        return XmlDocuments.serialize(document);
    }

    private static void metadata(Element domain, Map<String, String> entries) {
        Document document = domain.getOwnerDocument();
        Element udre = document.createElementNS(METADATA_NAMESPACE, METADATA_PREFIX + ":metadata");
        udre.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + METADATA_PREFIX, METADATA_NAMESPACE);
        entries.forEach((key, value) -> {
            Element entry = document.createElementNS(METADATA_NAMESPACE, METADATA_PREFIX + ":" + key);
            entry.setTextContent(value);
            udre.appendChild(entry);
        });
        XmlDocuments.child(domain, "metadata", null).appendChild(udre);
    }

    /** No arch and no machine: libvirt then picks the host's own from its capabilities (the test driver has i686). */
    private static void os(Element domain, DirectBoot boot, UnaryOperator<String> volumePath) {
        Element os = XmlDocuments.child(domain, "os", null);
        XmlDocuments.child(os, "type", "hvm");
        if (boot == null) {
            XmlDocuments.child(os, "boot", null).setAttribute("dev", "hd");
            return;
        }
        XmlDocuments.child(os, "kernel", volumePath.apply(boot.kernelVolume()));
        if (boot.initrdVolume() != null) {
            XmlDocuments.child(os, "initrd", volumePath.apply(boot.initrdVolume()));
        }
        XmlDocuments.child(os, "cmdline", boot.cmdline());
    }

    /** Without ACPI a guest's power-off only halts the CPU and QEMU keeps the domain running. */
    private static void features(Element domain) {
        XmlDocuments.child(XmlDocuments.child(domain, "features", null), "acpi", null);
    }

    /** A guest that powers off or crashes is gone, so teardown never waits on a guest that cannot stop itself. */
    private static void lifecycle(Element domain) {
        XmlDocuments.child(domain, "on_poweroff", "destroy");
        XmlDocuments.child(domain, "on_reboot", "restart");
        XmlDocuments.child(domain, "on_crash", "destroy");
    }

    /** Refers to the volume by pool and name, so the domain needs no host path; overlays are always qcow2. */
    private static void disk(Element devices, DomainSpec spec) {
        Element disk = XmlDocuments.child(devices, "disk", null);
        disk.setAttribute("type", "volume");
        disk.setAttribute("device", "disk");
        Element driver = XmlDocuments.child(disk, "driver", null);
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "qcow2");
        Element source = XmlDocuments.child(disk, "source", null);
        source.setAttribute("pool", spec.pool());
        source.setAttribute("volume", spec.volume());
        Element target = XmlDocuments.child(disk, "target", null);
        target.setAttribute("dev", "vda");
        target.setAttribute("bus", "virtio");
    }

    /**
     * A read-only CD-ROM on a virtio SCSI controller: where cloud-init looks for a NoCloud seed (any device whose
     * file system is labelled cidata), and a CD cannot be written to by the guest.
     */
    private static void seed(Element devices, String pool, String volume) {
        Element controller = XmlDocuments.child(devices, "controller", null);
        controller.setAttribute("type", "scsi");
        controller.setAttribute("model", "virtio-scsi");
        Element cdrom = XmlDocuments.child(devices, "disk", null);
        cdrom.setAttribute("type", "volume");
        cdrom.setAttribute("device", "cdrom");
        Element driver = XmlDocuments.child(cdrom, "driver", null);
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "raw");
        Element source = XmlDocuments.child(cdrom, "source", null);
        source.setAttribute("pool", pool);
        source.setAttribute("volume", volume);
        Element target = XmlDocuments.child(cdrom, "target", null);
        target.setAttribute("dev", "sda");
        target.setAttribute("bus", "scsi");
        XmlDocuments.child(cdrom, "readonly", null);
    }

    /** The guest's ttyS0 into a file on the host; libvirt also makes it the domain's console. */
    private static void serialConsole(Element devices, String logPath) {
        Element serial = XmlDocuments.child(devices, "serial", null);
        serial.setAttribute("type", "file");
        Element source = XmlDocuments.child(serial, "source", null);
        source.setAttribute("path", logPath);
        source.setAttribute("append", "off");
        XmlDocuments.child(serial, "target", null).setAttribute("port", "0");
    }

    /**
     * libvirt adds a USB controller and a memory balloon unless told not to. Servers use neither, and probing the
     * USB controller alone costs an emulated guest about a third of a second of boot.
     */
    private static void leaveOutUnusedDevices(Element devices) {
        Element usb = XmlDocuments.child(devices, "controller", null);
        usb.setAttribute("type", "usb");
        usb.setAttribute("model", "none");
        XmlDocuments.child(devices, "memballoon", null).setAttribute("model", "none");
    }

    private static void nic(Element devices, String network) {
        Element nic = XmlDocuments.child(devices, "interface", null);
        nic.setAttribute("type", "network");
        XmlDocuments.child(nic, "source", null).setAttribute("network", network);
        XmlDocuments.child(nic, "model", null).setAttribute("type", "virtio");
    }

    /**
     * Reads one entry from what {@code virDomainGetMetadata} returns for {@link #METADATA_NAMESPACE}: the UDRE
     * element, which libvirt hands back without its namespace prefix.
     */
    static Optional<String> metadataEntry(String udreElement, String key) {
        Element root = XmlDocuments.parse(udreElement).getDocumentElement();
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element entry && key.equals(localName(entry))) {
                return Optional.of(entry.getTextContent());
            }
        }
        return Optional.empty();
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }
}
