package org.udre.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.udre.engine.UdreApplication;

/**
 * A test of whole processes on the real engine (H2 in memory), libvirt's simulated host and UDRE's TSI agent.
 * Every class with this annotation and no bean overrides shares one engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = UdreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("systemtest")
public @interface SystemTest {
}
