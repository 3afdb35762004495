-- CreateTable
CREATE TABLE "rate_limits" (
    "limiter" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "resets_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("limiter","key_hash")
);

-- CreateIndex
CREATE INDEX "rate_limits_resets_at_idx" ON "rate_limits"("resets_at");
