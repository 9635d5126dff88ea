package org.udre.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class UdreApplication {
    public static void main(String[] args) {
        SpringApplication.run(UdreApplication.class, args);
    }
}
