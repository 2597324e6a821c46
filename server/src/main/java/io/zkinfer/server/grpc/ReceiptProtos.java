package io.zkinfer.server.grpc;

import io.zkinfer.api.v1.SettlementReceipt;
import io.zkinfer.server.billing.Receipt;
import io.zkinfer.server.billing.SignedReceipt;

/** A node's signed receipt as the API's {@link SettlementReceipt}, every signed field carried as signed. */
final class ReceiptProtos {

    private ReceiptProtos() {
    }

    static SettlementReceipt toProto(SignedReceipt signed) {
        Receipt r = signed.receipt();
        return SettlementReceipt.newBuilder().setReceiptId(r.receiptId()).setCallId(r.callId())
                .setModelId(r.modelId()).setModelVersion(r.modelVersion()).setInputSha256(r.inputDigest())
                .setOutputSha256(r.outputDigest()).setClientAccountId(r.client())
                .setDeveloperAccountId(r.developer()).setAmount(BillingProtos.toProto(r.amount()))
                .setDeveloperShare(BillingProtos.toProto(r.split().developer()))
                .setPlatformShare(BillingProtos.toProto(r.split().platform()))
                .setDeveloperShareBps(r.split().developerShareBps()).setDecimals(r.amount().coin().decimals())
                .setIssuedAt(BillingProtos.toProto(r.issuedAt())).setSignatureHex(signed.signatureHex())
                .setNodePublicKeyHex(signed.nodeKeyHex()).build();
    }
}
