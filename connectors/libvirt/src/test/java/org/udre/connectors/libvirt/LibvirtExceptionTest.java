package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.libvirt.Error.ErrorNumber;

class LibvirtExceptionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "VIR_ERR_NO_DOMAIN,           NOT_FOUND",
            "VIR_ERR_NO_STORAGE_VOL,      NOT_FOUND",
            "VIR_ERR_NO_STORAGE_POOL,     NOT_FOUND",
            "VIR_ERR_NO_NETWORK,          NOT_FOUND",
            "VIR_ERR_NO_SUPPORT,          UNSUPPORTED",
            "VIR_ERR_OPERATION_UNSUPPORTED, UNSUPPORTED",
            "VIR_ERR_XML_DETAIL,          REFUSED",
            "VIR_ERR_OPERATION_INVALID,   REFUSED",
            "VIR_ERR_CONFIG_UNSUPPORTED,  UNSUPPORTED",
            "VIR_ERR_NO_CONNECT,          CONNECTION",
            "VIR_ERR_RPC,                 CONNECTION",
            "VIR_ERR_INTERNAL_ERROR,      OTHER",
            "VIR_ERR_SYSTEM_ERROR,        OTHER",
    })
    void libvirt_error_codes_map_to_reasons_a_caller_can_act_on(ErrorNumber code, LibvirtException.Reason reason) {
        assertThat(LibvirtException.Reason.of(code)).isEqualTo(reason);
    }

    @Test
    void the_message_says_what_was_attempted_on_what_and_on_which_host() {
        LibvirtException e = new LibvirtException("start", "domain 'vm-1'", "qemu:///system",
                LibvirtException.Reason.REFUSED, "cannot allocate memory");

        assertThat(e).hasMessage("start domain 'vm-1' on qemu:///system failed: cannot allocate memory");
        assertThat(e.operation()).isEqualTo("start");
        assertThat(e.subject()).isEqualTo("domain 'vm-1'");
        assertThat(e.uri()).isEqualTo("qemu:///system");
        assertThat(e.reason()).isEqualTo(LibvirtException.Reason.REFUSED);
    }
}
