package org.udre.engine.lifecycle;

import org.udre.catalog.UnknownImageException;
import org.udre.connectors.libvirt.LibvirtException;
import org.udre.connectors.tsi.TsiFailedException;
import org.udre.engine.hosts.ImageNotOnHostException;
import org.udre.engine.hosts.UnknownHostException;

/** Which errors no retry can mend, and how to say what went wrong in one line. */
final class Failures {

    private Failures() {
    }

    static boolean isPermanent(Throwable e) {
        return e instanceof UnknownImageException
                || e instanceof UnknownHostException
                || e instanceof ImageNotOnHostException
                // The TSI understood the request and refused it; asking again gets the same answer.
                || e instanceof TsiFailedException
                // So did libvirt, unless the connection broke or libvirt could not say what happened.
                || e instanceof LibvirtException libvirt && libvirt.reason() != LibvirtException.Reason.CONNECTION
                        && libvirt.reason() != LibvirtException.Reason.OTHER;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
