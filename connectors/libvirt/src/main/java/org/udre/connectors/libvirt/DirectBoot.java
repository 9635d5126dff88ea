package org.udre.connectors.libvirt;

/**
 * Booting a guest's kernel directly instead of from its disk: QEMU loads kernel and initramfs itself, so an image
 * needs no boot loader and a guest reaches user space in about a second and a half under emulation.
 *
 * <p>Kernel and initramfs are volumes of the pool that holds the guest's disk, like the base volume, so an image is
 * installed on a host as volumes only; {@link VirtualMachines#define} turns them into host paths.
 *
 * @param kernelVolume volume holding the kernel (e.g. {@code udre-guest-1.0.vmlinuz})
 * @param initrdVolume volume holding the initramfs, or null for a kernel that needs none
 * @param cmdline      the kernel command line, e.g. {@code console=ttyS0 quiet}; may be empty
 */
public record DirectBoot(String kernelVolume, String initrdVolume, String cmdline) {

    /** Longer command lines are cut off by the x86 boot protocol of older kernels. */
    static final int MAX_CMDLINE = 2048;

    public DirectBoot {
        LibvirtNames.require("kernel volume name", kernelVolume);
        if (initrdVolume != null) {
            LibvirtNames.require("initrd volume name", initrdVolume);
        }
        if (cmdline == null) {
            throw new IllegalArgumentException("kernel command line is missing (kernel volume '" + kernelVolume
                    + "'); use an empty one");
        }
        if (cmdline.length() > MAX_CMDLINE || cmdline.codePoints().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("kernel command line " + LibvirtNames.quote(cmdline)
                    + " is not up to " + MAX_CMDLINE + " printable ASCII characters on one line");
        }
    }
}
