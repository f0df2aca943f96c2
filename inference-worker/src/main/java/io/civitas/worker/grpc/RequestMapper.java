package io.civitas.worker.grpc;

import java.util.OptionalLong;

import com.google.protobuf.Timestamp;

import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.GpuDevice;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.worker.engine.ChatMessage;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.LoadSnapshot;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;
import io.civitas.worker.placement.Placement;

/** Converts between the protobuf contract and the engine's types. */
final class RequestMapper {

    private RequestMapper() {
    }

    static PromptInput input(GenerateRequest request) {
        return switch (request.getInputCase()) {
            case PROMPT -> new PromptInput.Text(request.getPrompt());
            case CHAT -> chat(request.getChat());
            case INPUT_NOT_SET -> throw new InvalidRequestException("either chat or prompt must be set");
        };
    }

    private static PromptInput.Chat chat(ChatInput chat) {
        return new PromptInput.Chat(chat.getMessagesList().stream().map(m -> new ChatMessage(m.getRole(),
                m.getContent(), m.getToolCallsJson(), m.getToolCallId(), m.getName())).toList(), chat.getToolsJson(),
                chat.getToolChoiceJson(), chat.getResponseFormatJson());
    }

    static Sampling sampling(GenerateRequest request) {
        SamplingParams p = request.getSampling();
        if (p.getMaxTokens() < 0) { // uint32 above Integer.MAX_VALUE
            throw new InvalidRequestException("max_tokens is too large");
        }
        return new Sampling(p.getTemperature(), p.getTopP(), p.getMaxTokens(), p.getStopList(),
                p.hasSeed() ? OptionalLong.of(p.getSeed()) : OptionalLong.empty());
    }

    static LoadReport loadReport(LoadSnapshot s, io.civitas.api.inference.v1.Placement placement) {
        LoadReport.Builder report = LoadReport.newBuilder();
        s.freeKvTokens().ifPresent(report::setFreeKvTokens);
        return report.setPlacement(placement).setQueueDepth(s.queueDepth())
                .setQueueCapacity(s.queueCapacity()).setActiveSequences(s.activeSequences())
                .setMaxSequences(s.maxSequences()).setTokensPerSecond(s.tokensPerSecond()).setDraining(s.draining())
                .addAllModels(s.models()).setReportedAt(Timestamp.newBuilder().setSeconds(s.takenAt().getEpochSecond())
                        .setNanos(s.takenAt().getNano()))
                .build();
    }

    static io.civitas.api.inference.v1.Placement placement(Placement p) {
        return io.civitas.api.inference.v1.Placement.newBuilder().setWorkerId(p.workerId()).setNode(p.node())
                .setGpu(p.gpu()).setRegion(p.region()).setEngine(p.engine())
                .addAllGpus(p.gpus().stream().map(g -> GpuDevice.newBuilder().setIndex(g.index()).setUuid(g.uuid())
                        .setName(g.name()).setMemoryTotalBytes(g.memoryTotalBytes()).build()).toList())
                .build();
    }
}
