package org.udre.connectors.libvirt;

import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** libvirt storage volume XML: the overlay we ask for, and the format of a volume we read. */
final class VolumeXml {

    private VolumeXml() {
    }

    /** An empty volume. */
    static String empty(String name, long capacityBytes, String format) {
        Document document = XmlDocuments.newDocument();
        Element volume = document.createElement("volume");
        document.appendChild(volume);
        XmlDocuments.child(volume, "name", name);
        XmlDocuments.child(volume, "capacity", Long.toString(capacityBytes)).setAttribute("unit", "bytes");
        Element target = XmlDocuments.child(volume, "target", null);
        XmlDocuments.child(target, "format", null).setAttribute("type", format);
        return XmlDocuments.serialize(document);
    }

    /**
     * A qcow2 volume whose reads fall through to {@code basePath} until written: the guest never changes its base.
     * Nothing is allocated up front (an overlay starts empty), so a pool holds as many overlays as their writes fit.
     */
    static String overlay(String name, long capacityBytes, String basePath, String baseFormat) {
        Document document = XmlDocuments.newDocument();
        Element volume = document.createElement("volume");
        document.appendChild(volume);
        XmlDocuments.child(volume, "name", name);
        XmlDocuments.child(volume, "capacity", Long.toString(capacityBytes)).setAttribute("unit", "bytes");
        XmlDocuments.child(volume, "allocation", "0").setAttribute("unit", "bytes");
        Element target = XmlDocuments.child(volume, "target", null);
        XmlDocuments.child(target, "format", null).setAttribute("type", "qcow2");
        Element backing = XmlDocuments.child(volume, "backingStore", null);
        XmlDocuments.child(backing, "path", basePath);
        XmlDocuments.child(backing, "format", null).setAttribute("type", baseFormat);
        return XmlDocuments.serialize(document);
    }

    /** The volume's format ("qcow2", "raw", ...); libvirt leaves it out for plain files, which are raw. */
    static String format(String volumeXml) {
        List<String> formats = XmlDocuments.values(XmlDocuments.parse(volumeXml), "/volume/target/format/@type");
        return formats.isEmpty() || formats.get(0).isBlank() ? "raw" : formats.get(0);
    }

    /** The path of the volume's backing store, empty when it has none. */
    static String backingPath(String volumeXml) {
        List<String> paths = XmlDocuments.values(XmlDocuments.parse(volumeXml), "/volume/backingStore/path");
        return paths.isEmpty() ? "" : paths.get(0).strip();
    }
}
