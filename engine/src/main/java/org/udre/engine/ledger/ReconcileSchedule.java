package org.udre.engine.ledger;

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

/** Runs the reconciler once when the engine starts and then every {@code udre.reconciler.interval}. */
@Configuration
class ReconcileSchedule {

    @Bean
    JobDetail reconcileJob() {
        return JobBuilder.newJob(ReconcileJob.class).withIdentity("reconcile-ledger").storeDurably().build();
    }

    @Bean
    Trigger reconcileTrigger(JobDetail reconcileJob, UdreProperties properties) {
        return TriggerBuilder.newTrigger().forJob(reconcileJob).withIdentity("reconcile-ledger")
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.reconciler().interval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class ReconcileJob extends QuartzJobBean {

        @Autowired
        private Reconciler reconciler;

        @Override
        protected void executeInternal(JobExecutionContext context) {
            reconciler.reconcile();
        }
    }
}
