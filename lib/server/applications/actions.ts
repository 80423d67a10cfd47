"use server";
import { defineAction } from "@/lib/server/action";
import {
  approveApplicationSchema,
  attachDocumentSchema,
  recordExemptionSchema,
  rejectApplicationSchema,
  removeDocumentSchema,
  requestChangesSchema,
  saveStepSchema,
  startReviewSchema,
  submitApplicationSchema,
} from "@/lib/validation/application";
import * as service from "./service";

/** Saves one step of the applicant's own draft (created on the first save). */
export const saveApplicationStep = defineAction({
  name: "applications.saveStep",
  permission: "application.own",
  schema: saveStepSchema,
  async run(input, { tx, actor }) {
    const data = await service.saveStep(tx, actor, input.step, input.values, input.version);
    return {
      data,
      audit: { action: "applications.saveStep", objectType: "application", objectId: data.applicationId, summary: { step: input.step, version: data.version } },
      revalidate: ["/application"],
    };
  },
});

export const attachApplicationDocument = defineAction({
  name: "applications.attachDocument",
  permission: "application.own",
  schema: attachDocumentSchema,
  async run(input, { tx, actor }) {
    const data = await service.attachDocument(tx, actor, input.fileId, input.kind, input.version);
    return {
      data,
      audit: { action: "applications.attachDocument", objectType: "application", objectId: data.applicationId, summary: { fileId: input.fileId, kind: input.kind, name: data.name } },
      revalidate: ["/application"],
    };
  },
});

export const removeApplicationDocument = defineAction({
  name: "applications.removeDocument",
  permission: "application.own",
  schema: removeDocumentSchema,
  async run(input, { tx, actor }) {
    const data = await service.removeDocument(tx, actor, input.documentId, input.version);
    return {
      data,
      audit: { action: "applications.removeDocument", objectType: "application", objectId: data.applicationId, summary: { documentId: input.documentId, kind: data.kind } },
      revalidate: ["/application"],
    };
  },
});

/** Submits the applicant's own application; a second submit of the same version does nothing. */
export const submitApplication = defineAction({
  name: "applications.submit",
  permission: "application.own",
  schema: submitApplicationSchema,
  async run(input, { tx, actor }) {
    const data = await service.submit(tx, actor, input.version);
    return {
      data,
      audit: { action: "applications.submit", objectType: "application", objectId: data.applicationId, summary: { version: input.version, alreadySubmitted: data.alreadySubmitted } },
      revalidate: ["/application", "/ch/applications"],
    };
  },
});

export const startApplicationReview = defineAction({
  name: "applications.startReview",
  permission: "ch.admin",
  schema: startReviewSchema,
  async run(input, { tx, actor }) {
    await service.startReview(tx, actor, input.applicationId);
    return {
      data: { applicationId: input.applicationId },
      audit: { action: "applications.startReview", objectType: "application", objectId: input.applicationId, summary: { to: "UNDER_REVIEW" } },
      revalidate: [`/ch/applications/${input.applicationId}`, "/ch/applications"],
    };
  },
});

export const requestApplicationChanges = defineAction({
  name: "applications.requestChanges",
  permission: "ch.admin",
  schema: requestChangesSchema,
  async run(input, { tx, actor }) {
    await service.requestChanges(tx, actor, input.applicationId, input.reason, input.fields);
    return {
      data: { applicationId: input.applicationId },
      audit: { action: "applications.requestChanges", objectType: "application", objectId: input.applicationId, summary: { to: "CHANGES_REQUESTED", reason: input.reason, fields: input.fields } },
      revalidate: [`/ch/applications/${input.applicationId}`, "/ch/applications"],
    };
  },
});

export const rejectApplication = defineAction({
  name: "applications.reject",
  permission: "ch.admin",
  schema: rejectApplicationSchema,
  async run(input, { tx, actor }) {
    await service.reject(tx, actor, input.applicationId, input.reason);
    return {
      data: { applicationId: input.applicationId },
      audit: { action: "applications.reject", objectType: "application", objectId: input.applicationId, summary: { to: "REJECTED", reason: input.reason } },
      revalidate: [`/ch/applications/${input.applicationId}`, "/ch/applications"],
    };
  },
});

export const recordApplicationExemption = defineAction({
  name: "applications.recordExemption",
  permission: "ch.admin",
  schema: recordExemptionSchema,
  async run(input, { tx, actor }) {
    const { exemptionId, line } = await service.recordExemption(tx, actor, input.applicationId, input.requirementId, input.reason);
    return {
      data: { exemptionId },
      audit: {
        action: "applications.recordExemption",
        objectType: "application",
        objectId: input.applicationId,
        summary: { requirementId: input.requirementId, status: line.status, required: line.required, given: line.given, reason: input.reason },
      },
      revalidate: [`/ch/applications/${input.applicationId}`],
    };
  },
});

export const approveApplication = defineAction({
  name: "applications.approve",
  permission: "ch.admin",
  schema: approveApplicationSchema,
  // Step-up (ASVS 7.5.3): a fresh second-factor code.
  stepUp: true,
  async run(input, { tx, actor }) {
    const r = await service.approve(tx, actor, input.applicationId, input.firmCode, input.reason);
    return {
      data: { firmId: r.firm.id, firmCode: r.firm.code },
      audit: {
        action: "applications.approve",
        firmId: r.firm.id,
        objectType: "application",
        objectId: input.applicationId,
        summary: { to: "APPROVED", firmCode: r.firm.code, applicant: r.applicantEmail, newRole: "MEMBER_RISK_ADMIN", invited: r.invited, guarantyFund: r.guarantyFund, exemptions: r.exemptions },
      },
      revalidate: [`/ch/applications/${input.applicationId}`, "/ch/applications", "/ch/members"],
    };
  },
});
