package org.udre.engine.health;

import java.util.Date;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.udre.engine.UdreProperties;

/** Runs the health monitor every {@code udre.health.interval}. */
@Configuration
class HealthSchedule {

    @Bean
    JobDetail healthJob() {
        return JobBuilder.newJob(HealthJob.class).withIdentity("vm-health").storeDurably().build();
    }

    @Bean
    Trigger healthTrigger(JobDetail healthJob, UdreProperties properties) {
        long interval = properties.health().interval().toMillis();
        return TriggerBuilder.newTrigger().forJob(healthJob).withIdentity("vm-health")
                .startAt(new Date(System.currentTimeMillis() + interval))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval)
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class HealthJob extends QuartzJobBean {

        @Autowired
        private HealthMonitor monitor;

        @Override
        protected void executeInternal(JobExecutionContext context) {
            monitor.check();
        }
    }
}
