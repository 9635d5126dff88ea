package org.udre.engine.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reports the steps of every process as they start and end: the command line prints them, metrics time them.
 *
 * <p>A step is a task or an embedded sub-process that sits directly in a process or in one of its event
 * sub-processes; the tasks inside a sub-process (a polling loop, say) are its own business. Events are published
 * after their transaction commits, so an attempt that failed and was rolled back is never reported as done.
 */
@Component
public class StepTimeline extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(StepTimeline.class);

    private final List<Consumer<StepEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final ExecutionListener onStart = execution -> record(execution, StepEvent.Kind.STARTED);
    private final ExecutionListener onEnd = execution ->
            record(execution, execution.isCanceled() ? StepEvent.Kind.INTERRUPTED : StepEvent.Kind.ENDED);

    /** Delivers every step event to {@code subscriber} until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<StepEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new StepListenerInstaller());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void record(DelegateExecution execution, StepEvent.Kind kind) {
        Instant now = Instant.now();
        String activityInstance = execution.getActivityInstanceId();
        Duration took = null;
        if (kind == StepEvent.Kind.STARTED) {
            startedAt.put(activityInstance, now);
        } else {
            Instant start = startedAt.remove(activityInstance);
            took = start == null ? null : Duration.between(start, now);
        }
        StepEvent event = new StepEvent(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                execution.getCurrentActivityName(), kind, now, took);
        Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> publish(event));
    }

    private void publish(StepEvent event) {
        for (Consumer<StepEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                log.warn("A step event subscriber failed on {}", event, e);
            }
        }
    }

    private final class StepListenerInstaller extends AbstractBpmnParseListener {

        @Override
        public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            install(scope, activity);
        }

        @Override
        public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (!activity.isTriggeredByEvent()) {
                install(scope, activity);
            }
        }

        private void install(ScopeImpl scope, ActivityImpl activity) {
            boolean topLevel = scope instanceof ProcessDefinitionEntity
                    || scope instanceof ActivityImpl parent && parent.isTriggeredByEvent();
            if (topLevel) {
                activity.addListener(ExecutionListener.EVENTNAME_START, onStart);
                activity.addListener(ExecutionListener.EVENTNAME_END, onEnd);
            }
        }
    }
}
